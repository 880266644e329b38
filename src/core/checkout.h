// Checkout: the buyer's details, validated field by field before an order is made.
//
// Every problem names the field (the key the UI uses to put the message under the right input) and
// says what is wrong as a code with its data (FieldProblem); src/ui's word table (FieldProblemWords) makes
// the buyer's sentence. Validation collects all problems, not just the first, so the
// form can mark every wrong field at once.
//
// Phones are checked for shape only, since numbers move between operators: spaces, dashes and
// brackets are stripped; +62, 62 or 0 in front is mapped to +62; then 8, a digit 1-9 and 7 to 10
// more digits must follow. The normalised form is "+628...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/delivery.h"

namespace pasar {

enum class PhoneError { None, Empty, BadCharacter, BadPrefix, TooShort, TooLong };
const char* PhoneErrorCode(PhoneError error);  // "empty", "bad_character", ... (phones.json codes)

struct PhoneResult {
    PhoneError error = PhoneError::None;
    std::string normalized;  // "+6281234567890" when ok
    bool ok() const { return error == PhoneError::None; }
};

PhoneResult NormalizePhone(std::string_view input);
// "6281234567890" for wa.me links (no plus).
std::string PhoneForWhatsApp(const std::string& normalized);
// "https://wa.me/6281234567890?text=..." with the text percent-encoded (UTF-8 kept as bytes).
std::string MakeWhatsAppLink(const std::string& normalized_phone, std::string_view text);

enum class PaymentMethod { Unknown, Cod, Qris, Transfer };
const char* PaymentMethodName(PaymentMethod method);  // "cod", "qris", "transfer"
PaymentMethod ParsePaymentMethod(std::string_view text);

struct CheckoutForm {
    std::string name;
    std::string phone;
    std::string address;   // street, RT/RW, kelurahan
    std::string landmark;  // patokan: what couriers look for
    std::string area_id;   // delivery area; ignored for pickup
    DeliveryMethod delivery_method = DeliveryMethod::Unknown;
    PaymentMethod payment_method = PaymentMethod::Unknown;
};

enum class FieldProblem {
    None,
    Missing,        // empty, or nothing chosen
    BadCharacters,  // not clean text
    TooShort,       // fewer than min_chars
    TooLong,
    BadPhone,       // see phone
    NotOffered,     // delivery_method: the market does not offer it
    NotServed,      // area_id: the market does not deliver there
    TooFar,         // area_id: beyond the market's max_distance_m
};

struct FieldError {
    std::string field;      // "name", "phone", "address", "landmark", "area_id", "delivery_method", "payment_method"
    FieldProblem problem = FieldProblem::None;
    PhoneError phone = PhoneError::None;  // BadPhone: why
    size_t min_chars = 0;                 // TooShort: the fewest characters
};

// The upper bounds are serve.py's (core/limits.h: MAX_BUYER_NAME_CHARS, MAX_ADDRESS_CHARS,
// MAX_LANDMARK_CHARS), counted in characters; the lower ones are the phone's own help for the courier.
constexpr size_t MIN_NAME_CHARS = 2;
constexpr size_t MIN_ADDRESS_CHARS = 8;
constexpr size_t MIN_LANDMARK_CHARS = 3;

struct CheckoutCheck {
    std::vector<FieldError> errors;  // empty when the form is ready
    std::string phone_normalized;    // set when the phone is valid
    int64_t distance_m = 0;          // market to area, for delivery methods
    bool ok() const { return errors.empty(); }
};

// Validates the form against the chosen market: the delivery method must be offered, the area
// served (delivery methods only), payment one of cod / qris / transfer.
CheckoutCheck ValidateCheckout(const CheckoutForm& form, const MarketInfo& market);

// Trims spaces; true when the text is valid UTF-8 with no control characters.
bool IsCleanText(std::string_view text);
std::string TrimSpaces(std::string_view text);
size_t CountUtf8Chars(std::string_view text);
// The first max_chars characters (code points) of UTF-8 text; never splits a character.
std::string CutUtf8Chars(std::string_view text, size_t max_chars);

}  // namespace pasar
