# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Lifecycle notifications
notify-activated =
    📶 <b>Your eSIM for { $destination } is connected!</b>

    You have { $data } to use until { $until }.
notify-data-low =
    ⚠️ <b>Your { $destination } eSIM is running low</b>: { $left } of { $data } left.

    Top up now to stay connected.
notify-expiring-soon =
    ⏳ <b>Your { $destination } eSIM expires soon</b>: { $until }.

    Top up to extend it without reinstalling.
notify-expired-data = ⌛ <b>Your { $destination } eSIM has used all its data.</b> Buy a new plan to stay connected.
notify-expired-time = ⌛ <b>Your { $destination } eSIM has expired.</b> Buy a new plan for your next trip.
notify-topup-button = ➕ Top up
notify-buy-again-button = 🔁 Buy again
