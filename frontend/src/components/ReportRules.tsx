// The instance's rules a report of a violation cites, checked off from the list the server
// keeps.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { composeText } from '../i18n/composeText';
import type { ReportRulesQuery } from './__generated__/ReportRulesQuery.graphql';

const rulesQuery = graphql`
  query ReportRulesQuery {
    instance {
      rules {
        id
        text
        hint
      }
    }
  }
`;

interface Props {
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

export default function ReportRules({ chosen, onChange }: Props) {
  const { rules } = useLazyLoadQuery<ReportRulesQuery>(rulesQuery, {}, { fetchPolicy: 'store-or-network' }).instance;
  if (rules.length === 0) return null;
  return (
    <fieldset className="choices">
      <legend>{composeText.report.rules}</legend>
      {rules.map((rule) => (
        <label key={rule.id} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(rule.id)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, rule.id] : chosen.filter((id) => id !== rule.id))
            }
          />
          <span>
            <span className="choice__name">{rule.text}</span>
            {rule.hint !== '' && <span className="hint">{rule.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
