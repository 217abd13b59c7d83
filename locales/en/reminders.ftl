# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## "When do you leave?" after delivery
trip-question = ✈️ <b>When do you leave?</b> I'll remind you the day before to install the eSIM on Wi-Fi, and on the day to turn on its data roaming.
trip-today = Today
trip-tomorrow = Tomorrow
trip-in-days = In { $days } days
trip-pick = 📅 Pick a date
trip-skip = No reminders
trip-calendar = 📅 <b>When do you leave?</b> Pick the day.
trip-earlier = ‹ Earlier
trip-later = Later ›
trip-back = ⬅️ Back
trip-set = ✈️ Leaving on <b>{ $date }</b>. I'll remind you the day before and on the day.
trip-skipped = 👌 No reminders. Install the eSIM at home on Wi-Fi before you fly, and turn on its data roaming when you land.
trip-change = ✏️ Change the date
trip-day-passed = That day has passed. Please pick another.

## Reminders
remind-install-check =
    🤔 <b>Did your { $destination } eSIM install?</b>

    If it's on your phone, you're all set: it starts working when you land. If something went wrong, I can help.
remind-installed-button = Installed ✅
remind-help-button = 🆘 I need help
remind-installed-thanks = 🎉 Great, thanks! When you land, turn on data roaming for the eSIM. Have a good trip!
remind-trip-eve =
    ✈️ <b>Your trip to { $destination } is tomorrow!</b>

    Not installed yet? Do it today, at home on Wi-Fi: installing needs the internet. The eSIM's days only start when it connects at your destination.
remind-trip-day =
    🛬 <b>Travel day: { $destination }!</b>

    When you land: Settings → Mobile Service (Android: SIMs) → turn on the eSIM's line and its <b>Data Roaming</b>, and choose it for mobile data.
