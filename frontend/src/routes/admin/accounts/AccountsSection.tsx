// /admin/accounts: the list of accounts, or one account.
import type { AdminSectionProps } from '../sections';
import { AccountView } from './AccountView';
import { AccountsList } from './AccountsList';

export default function AccountsSection({ id, permissions }: AdminSectionProps) {
  return id === null ? <AccountsList /> : <AccountView accountId={id} permissions={permissions} />;
}
