import type { IdentifierKind } from "./screening";

/**
 * The identifier-screening corpus: texts that must be refused (with the kind that must be named) and
 * harmless texts that must pass, in Russian and international formats. Adding a case here is how
 * the screening's behaviour is changed.
 */
export const MUST_REFUSE: ReadonlyArray<{ text: string; kind: IdentifierKind }> = [
  // Phone numbers
  { text: "Звонить на +7 (912) 345-67-89 вечером", kind: "phone" },
  { text: "его номер 8 912 345 67 89", kind: "phone" },
  { text: "тел. 89123456789", kind: "phone" },
  { text: "Call him at +33 6 12 34 56 78", kind: "phone" },
  { text: "WhatsApp +995 555 12 34 56", kind: "phone" },
  { text: "mobile: 0049 1512 3456789", kind: "phone" },
  { text: "+375 29 123-45-67 (Минск)", kind: "phone" },
  { text: "phone 555-0123-456", kind: "phone" },
  // E-mail addresses
  { text: "write to ivan.petrov@mail.ru", kind: "email" },
  { text: "почта: защитник@пример.рф", kind: "email" },
  { text: "Contact: someone+tag@example.co.uk", kind: "email" },
  // Passport, ID and military ID numbers
  { text: "паспорт 45 07 123456", kind: "document_number" },
  { text: "загран 75 1234567", kind: "document_number" },
  { text: "серия 4507 номер 123456", kind: "document_number" },
  { text: "военный билет АА 1234567", kind: "document_number" },
  { text: "Passport no. AB1234567", kind: "document_number" },
  { text: "German ID C01X00T47", kind: "document_number" },
  { text: "French passport 12AB34567", kind: "document_number" },
  { text: "уголовное дело № 12007450001", kind: "document_number" },
  { text: "ИНН 770123456789", kind: "document_number" },
  { text: "СНИЛС 123-456-789 01", kind: "document_number" },
  // Card numbers
  { text: "перевести на карту 4276 3800 1234 5679", kind: "card_number" },
  { text: "card 4111-1111-1111-1111", kind: "card_number" },
  { text: "5555555555554444 is his card", kind: "card_number" },
  // Street addresses
  { text: "живёт на ул. Ленина, д. 5, кв. 12", kind: "address" },
  { text: "ул Тверская 7", kind: "address" },
  { text: "проспект Мира 101", kind: "address" },
  { text: "Невский пр-т, 28", kind: "address" },
  { text: "стоит у дома, кв. 45", kind: "address" },
  { text: "staying at 221B Baker Street", kind: "address" },
  { text: "flat at 12 Rustaveli Avenue", kind: "address" },
  { text: "Hauptstraße 5, Berlin", kind: "address" },
  { text: "Atatürk Caddesi No: 12", kind: "address" },
  { text: "12 rue de la Paix, Paris", kind: "address" },
  { text: "Apt 4 in the old town", kind: "address" },
  // Exact coordinates
  { text: "meet at 55.7558, 37.6173", kind: "coordinates" },
  { text: "точка 41.7151 44.8271", kind: "coordinates" },
  { text: "55°45′21″N 37°37′04″E", kind: "coordinates" },
  { text: "https://maps.google.com/?q=41.7,44.8", kind: "coordinates" },
  // Dates of birth
  { text: "д.р. 12.04.1995", kind: "birth_date" },
  { text: "родился 3 мая 1998 года", kind: "birth_date" },
  { text: "born 1997-02-03", kind: "birth_date" },
  { text: "DOB 03/02/1997", kind: "birth_date" },
  // Links (profiles, documents)
  { text: "his profile https://vk.com/id12345", kind: "url" },
  { text: "see www.example.org/person", kind: "url" },
];

export const MUST_PASS: readonly string[] = [
  "Book consulate appointment",
  "Записаться в консульство Франции в Ереване",
  "Check whether the foreign passport can be renewed remotely",
  "Узнать, можно ли продлить загранпаспорт дистанционно",
  "Needs 2 tickets to St. Petersburg? No: to Yerevan, 2 people",
  "Ticket budget 350 EUR approved by the coordinator",
  "Бюджет на билет 25 000 рублей согласован",
  "Call at 19:30 Moscow time",
  "Созвон в 19:30 по Москве",
  "Appointment on 2025-06-12 at 10:00",
  "Приём назначен на 12.06.2025",
  "Waiting 3-4 weeks for the decision",
  "Ждёт решения 3–4 недели",
  "Travel via Istanbul, then Belgrade",
  "Едет через Стамбул в Белград",
  "Другой рейс в 2025 году не подходит",
  "Граница пройдена без проблем",
  "Drove 300 km on the main road without checks",
  "Met on the street near the station at 5pm",
  "Living with a friend in Tbilisi for 2 weeks",
  "Живёт у друга в Тбилиси, 2 недели",
  "Prefers Signal; answers in the evening",
  "Flight SU 1234 was cancelled",
  "Second verification conversation done: story consistent",
  "Вторая беседа проведена, история совпадает",
  "The case WP-7KQ2-X9F3 is related",
  "Asked the lawyer about the criminal case status",
  "Спросить адвоката о статусе уголовного дела",
  "Got the humanitarian visa, flying on 15.07",
  "House search in Lyon through a partner NGO",
  "Проезд до Еревана занял 2 дня",
  "He is 27 and travels with his wife and 1 child",
  "Mood better this week; 3 sessions with the psychologist",
  "Almaty",
  "Bishkek, near the centre",
  "Тбилиси",
  "Yerevan (Kentron district)",
];
