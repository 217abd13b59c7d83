/** Broadcast history with tallies (composing stays in Telegram). */
import type { BroadcastSummary } from "../../services/operator/dashboard.ts";
import type { Audience } from "../../domain/broadcast.ts";
import type { Translate } from "../context.ts";
import { formatDateTime } from "../format.ts";

function audienceLabel(audience: Audience, t: Translate): string {
  if (audience.kind === "recent-buyers") return t("dash-audience-recent", { days: audience.days });
  return t(`dash-audience-${audience.kind}`);
}

export function BroadcastsPage(props: { broadcasts: BroadcastSummary[]; t: Translate; lang: string }) {
  const { t, lang } = props;
  if (props.broadcasts.length === 0) return <p>{t("dash-broadcasts-none")}</p>;
  return (
    <div class="table-box">
      <table id="broadcasts">
        <thead>
          <tr>
            <th scope="col">{t("dash-col-created")}</th>
            <th scope="col">{t("dash-col-audience")}</th>
            <th scope="col">{t("dash-col-message")}</th>
            <th scope="col" class="num">{t("dash-col-recipients")}</th>
            <th scope="col" class="num">{t("dash-tally-sent")}</th>
            <th scope="col" class="num">{t("dash-tally-blocked")}</th>
            <th scope="col" class="num">{t("dash-tally-failed")}</th>
            <th scope="col" class="num">{t("dash-tally-skipped")}</th>
            <th scope="col" class="num">{t("dash-tally-waiting")}</th>
          </tr>
        </thead>
        <tbody>
          {props.broadcasts.map((b) => (
            <tr>
              <td>{formatDateTime(b.createdAt, lang)}</td>
              <td>{audienceLabel(b.audience, t)}</td>
              <td>{b.photo ? "🖼 " : ""}{b.text.length > 80 ? `${b.text.slice(0, 80)}…` : b.text}</td>
              <td class="num">{b.recipients}</td>
              <td class="num">{b.tally.sent}</td>
              <td class="num">{b.tally.blocked}</td>
              <td class="num">{b.tally.failed}</td>
              <td class="num">{b.tally.skipped}</td>
              <td class="num">{b.tally.pending + b.tally.sending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
