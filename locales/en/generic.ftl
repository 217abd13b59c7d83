# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Generic answers
cancelled = Cancelled. Send /buy whenever you are ready.
nothing-to-cancel = There is nothing to cancel. Send /buy to get an eSIM.
button-expired = This button has expired. Send /buy to start again.
button-not-active = That button is no longer active — use the latest message.
unknown-command = I don't know that command. Try /buy, /mysims, /language or /help.
fallback-text = I can sell you a travel eSIM: send /buy to start, or /help to see how it works.
fallback-media = I can only read text and buttons. Send /buy to get an eSIM.
group-only-private = I sell eSIMs in a private chat, so your codes stay yours. Tap to open it:
group-open-private = Open the bot
shop-unavailable = The eSIM catalog is being updated. Please try again in a few minutes.
