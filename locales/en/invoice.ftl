# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## When Telegram does not accept an invoice (nothing is charged)
invoice-failed = ⚠️ The invoice could not be sent, so nothing was charged. Please press Pay to try again in a moment. If it keeps failing, payments are down for now: please come back later or write to the shop's support.
topup-invoice-failed = ⚠️ The invoice could not be sent, so nothing was charged. Please choose the top-up again in a moment. If it keeps failing, payments are down for now: please come back later or write to the shop's support.
