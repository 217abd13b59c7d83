# The operator's order desk: sales, needs attention, look-up, the order card and its actions.
# Messages are HTML (parse_mode HTML): variables are escaped by the code. Times are UTC.
admin-none = —
order-open = 🔎 Open order

## Sales
sales-period-today = Today
sales-period-7d = 7 days
sales-period-30d = 30 days
sales-summary =
    📊 <b>Sales · { $period }</b>
    { $from } – { $to } UTC
    Paid orders: <b>{ $paid }</b>
    Delivered: { $delivered }
    Refunded: { $refunded }
    Revenue: <b>{ $revenue }</b> (≈ { $revenueUsd })
    Upstream cost: { $cost }
    Margin: <b>{ $margin }</b>
    Payment → delivery: median { $median }, p95 { $p95 }
    Top destinations:
    { $top }

## Needs attention
attention-empty = 🎉 Nothing needs attention right now.
attention-title = 🚨 <b>Needs attention</b> · { $total } · page { $page }/{ $pages }
attention-previous = ⬅️ Newer
attention-next = Older ➡️
attention-payment = payment <code>{ $charge }</code> (no order)
attention-reason-late = not delivered by the deadline
attention-reason-needs-operator = handed to you
attention-reason-refund-failed = Telegram refused the refund
attention-reason-refund-manual = card refund to make
attention-reason-refunded-elsewhere = refunded outside the shop

## Look-up
lookup-help =
    🔎 Send <code>/admin</code> followed by an order id, an ICCID (or its last 4+ digits), a Telegram charge id, a user id or an @username.
    For example: <code>/admin 4821</code>
lookup-nothing = Nothing found for “{ $query }”. Try an order id, an ICCID or its last digits, a Telegram charge id, a user id or an @username.
lookup-found = 🔎 { $count } orders for “{ $query }”, newest first:

## Order statuses
order-status-awaiting_payment = awaiting payment
order-status-expired = expired
order-status-paid = paid, not delivered
order-status-delivered = delivered
order-status-refunding = refunding
order-status-refunded = refunded
order-status-needs_operator = needs you

## The order card
order-card-title = 🧾 <b>Order <code>{ $order }</code></b> · { $status }
order-card-traveller = 👤 { $name }{ $username } · id <code>{ $user }</code>{ $flags }
order-card-blocked = 🚫 blocked the bot
order-card-no-news = 🔕 no news
order-card-plan = 📦 { $plan } · { $destination }{ $kind }
order-card-top-up = (top-up)
order-card-price = 💰 { $price } · upstream cost { $cost }
order-card-payment = 💳 Charge <code>{ $charge }</code> · { $status } · payments: { $count }
order-card-no-payment = 💳 Not paid
order-card-job = ⚙️ Fulfilment: { $status } · attempts: { $attempts } · deadline { $deadline }{ $unknown } · last error: { $error }
order-card-job-running = running now
order-card-outcome-unknown = upstream answer unknown since { $since }
order-card-esim = 📶 eSIM <code>{ $iccid }</code> · { $status } · used { $used } of { $total } (checked { $checked }) · upstream order <code>{ $upstream }</code>
order-card-resolved = ✅ Marked resolved { $at }
order-card-timeline = 🕓 <b>Timeline</b> (UTC)
order-card-earlier = … { $count } earlier

## Timeline lines
timeline-created = order created, invoice sent
timeline-payment = payment <code>{ $charge }</code> { $price }: { $status }
timeline-paid = paid
timeline-upstream-requested = ordered upstream (answer not yet known)
timeline-ordered-upstream = eSIM issued upstream (<code>{ $upstream }</code>)
timeline-delivered = delivered to the traveller
timeline-notification = message “{ $notice }”: { $status }
timeline-top-up = top-up <code>{ $order }</code>: { $status }
timeline-refund-decided = refund { $status }: { $reason }
timeline-refunded = refunded
timeline-operator = 🛠 { $action } by <code>{ $operator }</code>: { $result }{ $note }
timeline-action-retry = retry delivery
timeline-action-resend = resend eSIM
timeline-action-refund = refund
timeline-action-resolve = marked resolved

## Actions
order-button-retry = 🔁 Retry delivery now
order-button-resend = 📨 Resend eSIM to traveller
order-button-refund-stars = ↩️ Refund Stars
order-button-refund-card = ↩️ Mark refunded (card)
order-button-resolve = ✅ Mark resolved
order-button-refresh = 🔄 Refresh
order-confirm-retry = Retry delivery of order <code>{ $order }</code> now?
order-confirm-resend = Send the eSIM of order <code>{ $order }</code> to the traveller again?
order-confirm-refund-stars = Refund { $price } of order <code>{ $order }</code> to the traveller? Nothing will be ordered for it any more.
order-confirm-refund-card = Mark the card payment of order <code>{ $order }</code> ({ $price }) as refunded outside the shop?
order-confirm-yes = ✅ Yes, do it
order-confirm-back = ⬅️ Back
order-result-retry = 🔁 Delivery is being retried now.
order-result-resend = 📨 The eSIM was sent to the traveller again.
order-result-refund-stars = ↩️ Refund recorded: the Stars go back to the traveller.
order-result-refund-card = ↩️ Recorded as refunded outside the shop.
order-result-resolve = ✅ Marked resolved.
order-result-stale = This order changed since the card was shown (or this was done already). Here it is as it is now.
order-result-not-allowed = That is not possible for this order in its current state.
order-result-busy = Delivery is running for this order right now. Try again in a minute.
order-result-not-found = No such order.
order-result-note-required = This needs a note.
order-result-send-failed = Recorded, but Telegram did not take the message: { $reason }
order-result-refused = This button has expired.

## Notes (Mark resolved; card refunds)
order-note-ask-resolve = ✍️ How was order <code>{ $order }</code> resolved? Send a short note (it goes into the audit log).
order-note-ask-refund = ✍️ How was the card payment of order <code>{ $order }</code> refunded? Send a short note (it goes into the audit log).
order-note-check-resolve = Mark order <code>{ $order }</code> resolved with this note?
    “{ $note }”
order-note-check-refund = Record the card payment of order <code>{ $order }</code> as refunded outside the shop, with this note?
    “{ $note }”
order-note-confirm = ✅ Confirm
order-note-cancel = ✖️ Cancel
order-note-hint = Send the note as text — or press Cancel.
order-note-use-buttons = Use the buttons under the note — or /cancel.
order-note-cancelled = Cancelled. Nothing was changed.
