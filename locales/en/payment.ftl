# Messages are HTML (parse_mode HTML): variables are escaped by the code.

## Payment
precheckout-unknown-order = This invoice is not valid any more. Please start again with /buy.
precheckout-wrong-user = This invoice belongs to someone else. Send /buy to get your own.
precheckout-already-paid = This order is already paid. Your eSIM is on its way in the chat.
precheckout-expired = This invoice has expired. Please start again with /buy.
precheckout-not-sold = This plan is no longer sold. Please choose another with /buy.
precheckout-price-changed = The price of this plan has changed. Please start again with /buy to see the new price.
payment-received = ✅ Payment received. Preparing your eSIM — it usually takes under a minute.
payment-duplicate-refunded = You paid twice for order { $order }. The second payment of { $price } has been refunded.
payment-duplicate-manual = You paid twice for order { $order }. We will refund the second payment of { $price } shortly.
