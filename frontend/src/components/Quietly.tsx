// Shows nothing in place of what it wraps when that cannot be had: for the extras above every
// page (announcements, the email confirmation banner), whose failure leaves the page as it is.
import { Component, type ReactNode } from 'react';

export class Quietly extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
