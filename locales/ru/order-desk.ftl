# Стол заказов оператора: продажи, требует внимания, поиск, карточка заказа и действия.
# Сообщения в HTML (parse_mode HTML): переменные экранирует код. Время — UTC.
admin-none = —
order-open = 🔎 Открыть заказ

## Продажи
sales-period-today = Сегодня
sales-period-7d = 7 дней
sales-period-30d = 30 дней
sales-summary =
    📊 <b>Продажи · { $period }</b>
    { $from } – { $to } UTC
    Оплачено заказов: <b>{ $paid }</b>
    Выдано: { $delivered }
    Возвращено: { $refunded }
    Выручка: <b>{ $revenue }</b> (≈ { $revenueUsd })
    Закупка у поставщика: { $cost }
    Маржа: <b>{ $margin }</b>
    Оплата → выдача: медиана { $median }, p95 { $p95 }
    Популярные направления:
    { $top }

## Требует внимания
attention-empty = 🎉 Сейчас ничего не требует внимания.
attention-title = 🚨 <b>Требует внимания</b> · { $total } · стр. { $page }/{ $pages }
attention-previous = ⬅️ Новее
attention-next = Старше ➡️
attention-payment = платёж <code>{ $charge }</code> (без заказа)
attention-reason-late = не выдан к сроку
attention-reason-needs-operator = передан вам
attention-reason-refund-failed = Telegram отклонил возврат
attention-reason-refund-manual = нужен возврат по карте
attention-reason-refunded-elsewhere = возврат сделан вне магазина

## Поиск
lookup-help =
    🔎 Отправьте <code>/admin</code> и номер заказа, ICCID (или его последние 4+ цифры), id платежа Telegram, id пользователя или @username.
    Например: <code>/admin 4821</code>
lookup-nothing = По запросу «{ $query }» ничего не найдено. Попробуйте номер заказа, ICCID или его последние цифры, id платежа Telegram, id пользователя или @username.
lookup-found = 🔎 Заказов по запросу «{ $query }»: { $count }, новые сверху:

## Статусы заказа
order-status-awaiting_payment = ждёт оплаты
order-status-expired = истёк
order-status-paid = оплачен, не выдан
order-status-delivered = выдан
order-status-refunding = возвращается
order-status-refunded = возвращён
order-status-needs_operator = ждёт вас

## Карточка заказа
order-card-title = 🧾 <b>Заказ <code>{ $order }</code></b> · { $status }
order-card-traveller = 👤 { $name }{ $username } · id <code>{ $user }</code>{ $flags }
order-card-blocked = 🚫 заблокировал бота
order-card-no-news = 🔕 без новостей
order-card-plan = 📦 { $plan } · { $destination }{ $kind }
order-card-top-up = (пополнение)
order-card-price = 💰 { $price } · закупка { $cost }
order-card-payment = 💳 Платёж <code>{ $charge }</code> · { $status } · платежей: { $count }
order-card-no-payment = 💳 Не оплачен
order-card-job = ⚙️ Выдача: { $status } · попыток: { $attempts } · срок { $deadline }{ $unknown } · последняя ошибка: { $error }
order-card-job-running = идёт сейчас
order-card-outcome-unknown = ответ поставщика неизвестен с { $since }
order-card-esim = 📶 eSIM <code>{ $iccid }</code> · { $status } · израсходовано { $used } из { $total } (проверено { $checked }) · заказ у поставщика <code>{ $upstream }</code>
order-card-resolved = ✅ Отмечен решённым { $at }
order-card-timeline = 🕓 <b>История</b> (UTC)
order-card-earlier = … ещё { $count } раньше

## Строки истории
timeline-created = заказ создан, счёт отправлен
timeline-payment = платёж <code>{ $charge }</code> { $price }: { $status }
timeline-paid = оплачен
timeline-upstream-requested = заказан у поставщика (ответ пока неизвестен)
timeline-ordered-upstream = eSIM выпущена поставщиком (<code>{ $upstream }</code>)
timeline-delivered = выдан путешественнику
timeline-notification = сообщение «{ $notice }»: { $status }
timeline-top-up = пополнение <code>{ $order }</code>: { $status }
timeline-refund-decided = возврат { $status }: { $reason }
timeline-refunded = возвращён
timeline-operator = 🛠 { $action }, оператор <code>{ $operator }</code>: { $result }{ $note }
timeline-action-retry = повтор выдачи
timeline-action-resend = повторная отправка eSIM
timeline-action-refund = возврат
timeline-action-resolve = отмечен решённым

## Действия
order-button-retry = 🔁 Повторить выдачу сейчас
order-button-resend = 📨 Отправить eSIM ещё раз
order-button-refund-stars = ↩️ Вернуть звёзды
order-button-refund-card = ↩️ Отметить возврат (карта)
order-button-resolve = ✅ Отметить решённым
order-button-refresh = 🔄 Обновить
order-confirm-retry = Повторить выдачу заказа <code>{ $order }</code> сейчас?
order-confirm-resend = Отправить путешественнику eSIM заказа <code>{ $order }</code> ещё раз?
order-confirm-refund-stars = Вернуть путешественнику { $price } за заказ <code>{ $order }</code>? Больше ничего по нему заказано не будет.
order-confirm-refund-card = Отметить оплату картой заказа <code>{ $order }</code> ({ $price }) возвращённой вне магазина?
order-confirm-yes = ✅ Да, выполнить
order-confirm-back = ⬅️ Назад
order-result-retry = 🔁 Выдача запущена повторно.
order-result-resend = 📨 eSIM отправлена путешественнику ещё раз.
order-result-refund-stars = ↩️ Возврат записан: звёзды вернутся путешественнику.
order-result-refund-card = ↩️ Записано как возврат вне магазина.
order-result-resolve = ✅ Отмечен решённым.
order-result-stale = Заказ изменился с тех пор, как показана карточка (или это уже сделано). Вот он сейчас.
order-result-not-allowed = Для заказа в этом состоянии это невозможно.
order-result-busy = Выдача этого заказа идёт прямо сейчас. Попробуйте через минуту.
order-result-not-found = Такого заказа нет.
order-result-note-required = Здесь нужна заметка.
order-result-send-failed = Записано, но Telegram не принял сообщение: { $reason }
order-result-refused = Эта кнопка устарела.

## Заметки (решено; возврат по карте)
order-note-ask-resolve = ✍️ Как решён заказ <code>{ $order }</code>? Отправьте короткую заметку (она попадёт в журнал действий).
order-note-ask-refund = ✍️ Как вернули оплату картой заказа <code>{ $order }</code>? Отправьте короткую заметку (она попадёт в журнал действий).
order-note-check-resolve = Отметить заказ <code>{ $order }</code> решённым с этой заметкой?
    «{ $note }»
order-note-check-refund = Записать оплату картой заказа <code>{ $order }</code> как возвращённую вне магазина, с этой заметкой?
    «{ $note }»
order-note-confirm = ✅ Подтвердить
order-note-cancel = ✖️ Отмена
order-note-hint = Отправьте заметку текстом — или нажмите «Отмена».
order-note-use-buttons = Используйте кнопки под заметкой — или /cancel.
order-note-cancelled = Отменено. Ничего не изменилось.
