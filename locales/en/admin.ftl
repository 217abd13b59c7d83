# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## The /admin menu (operators only)
admin-menu-title =
    🛠 <b>Shop admin</b>
    Choose what to do:
admin-menu-sales = 📊 Sales
admin-menu-attention = 🚨 Needs attention
admin-menu-lookup = 🔎 Find an order
admin-menu-broadcast = 📣 Broadcast

## Broadcasts: compose → preview → audience → confirm
broadcast-compose =
    📣 <b>New broadcast</b>
    Send me the message for travellers: text, or one photo with a caption. Your formatting (bold, links…) is kept, and a “🔕 Stop news” button goes under it.
    /cancel to stop.
broadcast-compose-hint = Send the message as text, or one photo with a caption — or /cancel.
broadcast-use-buttons = Use the buttons under the preview — or /cancel.
broadcast-audience =
    👆 This is exactly what travellers will see.
    Who should get it? (Travellers who opted out of news or blocked the bot are never counted.)
broadcast-audience-all = 👥 Everyone · { $count }
broadcast-audience-recent = 🛍 Bought in { $days } days · { $count }
broadcast-audience-esim = 📶 Active eSIM · { $count }
broadcast-edit = ✏️ Change the message
broadcast-cancel = ✖️ Cancel
broadcast-confirm-all = Send the message above to <b>{ $count }</b> { $count ->
        [one] traveller
       *[other] travellers
    } — everyone?
broadcast-confirm-recent = Send the message above to <b>{ $count }</b> { $count ->
        [one] traveller
       *[other] travellers
    } who bought in the last { $days } days?
broadcast-confirm-esim = Send the message above to <b>{ $count }</b> { $count ->
        [one] traveller
       *[other] travellers
    } with an active eSIM?
broadcast-send = ✅ Send now
broadcast-back = ⬅️ Back
broadcast-started = ✅ Sending to { $count } { $count ->
        [one] traveller
       *[other] travellers
    }. Progress follows below.
broadcast-already-started = ✅ This broadcast is already on its way ({ $count } { $count ->
        [one] traveller
       *[other] travellers
    }).
broadcast-empty = Nobody is in this audience right now. Choose another one.
broadcast-cancelled = Broadcast cancelled. Nothing was sent.
broadcast-progress =
    📣 Broadcast: { $done } of { $total }
    ✅ Sent: { $sent } · 🚫 Blocked: { $blocked } · ⚠️ Failed: { $failed }
broadcast-progress-finished =
    📣 Broadcast finished: { $done } of { $total }
    ✅ Sent: { $sent } · 🚫 Blocked: { $blocked } · ⚠️ Failed: { $failed }
broadcast-tally =
    ✅ <b>Broadcast finished</b>
    Sent: { $sent }
    Blocked the bot: { $blocked }
    Failed: { $failed }
    Opted out meanwhile: { $skipped }
