# Сообщения в HTML (parse_mode HTML): переменные экранирует код.

## Оплата
precheckout-unknown-order = Этот счёт больше не действует. Начните заново: /buy.
precheckout-wrong-user = Этот счёт выставлен другому человеку. Отправьте /buy, чтобы получить свой.
precheckout-already-paid = Этот заказ уже оплачен. eSIM скоро придёт в этот чат.
precheckout-expired = Срок этого счёта истёк. Начните заново: /buy.
precheckout-not-sold = Этот тариф больше не продаётся. Выберите другой: /buy.
precheckout-price-changed = Цена этого тарифа изменилась. Начните заново с /buy, чтобы увидеть новую цену.
payment-received = ✅ Оплата получена. Готовлю eSIM — обычно это меньше минуты.
payment-duplicate-refunded = Вы оплатили заказ { $order } дважды. Второй платёж ({ $price }) возвращён.
payment-duplicate-manual = Вы оплатили заказ { $order } дважды. Второй платёж ({ $price }) мы скоро вернём.
