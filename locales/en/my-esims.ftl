# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## My eSIMs (/mysims)
mysims-header = 📱 <b>Your eSIMs</b> ({ $count })
mysims-empty = You have no eSIMs yet. Buy one for your next trip — it arrives here in about a minute.
mysims-inline-button = 🔎 Check from any chat: @{ $bot }
mysims-back-button = ‹ All my eSIMs
mysims-open-button = 📱 My eSIMs
esim-card-title = { $flag } <b>{ $destination }</b> · { $plan }
esim-status-issued = ⏳ Waiting for installation
esim-status-active = ✅ Active
esim-status-expired = ⌛ Expired
esim-card-data = { $bar } { $left } of { $total } left ({ $used } used)
esim-validity-not-started = 📅 Validity starts at first connection ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    })
esim-validity-days-left = 📅 { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left, until { $until }
esim-validity-hours-left = 📅 { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } left, until { $until }
esim-validity-ended = 📅 Ended { $until }
esim-card-iccid = ICCID …{ $tail }
esim-checked = Updated { $ago }
esim-checked-just-now = just now
esim-refresh-button = 🔄 Refresh
esim-qr-button = 📷 Show QR again
esim-qr-installed = This eSIM is already installed. A QR code installs only once, so there is nothing to scan again.
esim-not-yours = This eSIM is not in your account.
