# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Inline mode (@bot in any chat)
inline-open-bot = Open the bot
inline-open-mysims = 📱 Open My eSIMs
inline-not-sold = 😔 No plans for { $country } yet · See destinations
inline-nothing-found = 🔎 Nothing found · See destinations
inline-esim-title = { $flag } { $destination }: { $left } of { $total } left
inline-plan-title = { $flag } { $destination } · { $data } · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
inline-plan-description = { $price } · validity starts at first connection
inline-plan-buy = 🛒 Buy in the bot
inline-plan-card =
    { $flag } <b>{ $destination } eSIM</b>: { $data } for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } — { $price }
    Delivered in Telegram as a QR code; validity starts at first connection.
