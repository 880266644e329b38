#include "core/checkout.h"

namespace pasar {

const char* PhoneErrorCode(PhoneError error) {
    switch (error) {
        case PhoneError::None: return "none";
        case PhoneError::Empty: return "empty";
        case PhoneError::BadCharacter: return "bad_character";
        case PhoneError::BadPrefix: return "bad_prefix";
        case PhoneError::TooShort: return "too_short";
        case PhoneError::TooLong: return "too_long";
    }
    return "unknown";
}

static PhoneResult PhoneFailed(PhoneError error) {
    PhoneResult result;
    result.error = error;
    return result;
}

PhoneResult NormalizePhone(std::string_view input) {
    std::string digits;
    bool plus = false;
    for (char c : input) {
        if (c == ' ' || c == '\t' || c == '-' || c == '(' || c == ')') continue;
        if (c == '+' && digits.empty() && !plus) {
            plus = true;
            continue;
        }
        if (c < '0' || c > '9')
            return PhoneFailed(PhoneError::BadCharacter);
        digits += c;
    }
    if (digits.empty() && !plus)
        return PhoneFailed(PhoneError::Empty);
    std::string rest;
    if (plus) {
        if (digits.compare(0, 2, "62") != 0)
            return PhoneFailed(PhoneError::BadPrefix);
        rest = digits.substr(2);
    } else if (digits.compare(0, 2, "62") == 0) {
        rest = digits.substr(2);
    } else if (digits[0] == '0') {
        rest = digits.substr(1);
    } else {
        return PhoneFailed(PhoneError::BadPrefix);
    }
    // "+62 (0)812..." is a common way to write it: the trunk 0 after the country code is dropped.
    if ((plus || digits.compare(0, 2, "62") == 0) && rest.size() >= 2 && rest[0] == '0' && rest[1] == '8')
        rest.erase(0, 1);
    if (rest.empty() || rest[0] != '8')
        return PhoneFailed(PhoneError::BadPrefix);
    if (rest.size() < 2)
        return PhoneFailed(PhoneError::TooShort);
    if (rest[1] == '0')
        return PhoneFailed(PhoneError::BadPrefix);
    if (rest.size() < 9)
        return PhoneFailed(PhoneError::TooShort);
    if (rest.size() > 12)
        return PhoneFailed(PhoneError::TooLong);
    PhoneResult result;
    result.normalized = "+62" + rest;
    return result;
}

std::string PhoneForWhatsApp(const std::string& normalized) {
    return normalized.size() > 1 && normalized[0] == '+' ? normalized.substr(1) : normalized;
}

std::string MakeWhatsAppLink(const std::string& normalized_phone, std::string_view text) {
    static const char HEX[] = "0123456789ABCDEF";
    std::string out = "https://wa.me/" + PhoneForWhatsApp(normalized_phone);
    if (text.empty()) return out;
    out += "?text=";
    for (unsigned char c : text) {
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += char(c);
        } else {
            out += '%';
            out += HEX[c >> 4];
            out += HEX[c & 15];
        }
    }
    return out;
}

const char* PaymentMethodName(PaymentMethod method) {
    switch (method) {
        case PaymentMethod::Cod: return "cod";
        case PaymentMethod::Qris: return "qris";
        case PaymentMethod::Transfer: return "transfer";
        case PaymentMethod::Unknown: break;
    }
    return "unknown";
}

PaymentMethod ParsePaymentMethod(std::string_view text) {
    if (text == "cod") return PaymentMethod::Cod;
    if (text == "qris") return PaymentMethod::Qris;
    if (text == "transfer") return PaymentMethod::Transfer;
    return PaymentMethod::Unknown;
}

bool IsCleanText(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) return false;
            ++i;
            continue;
        }
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + len > text.size()) return false;
        uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (size_t k = 1; k < len; ++k) {
            unsigned char d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (cp >= 0x80 && cp < 0xA0))
            return false;
        i += len;
    }
    return true;
}

std::string TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

size_t CountUtf8Chars(std::string_view text) {
    size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

std::string CutUtf8Chars(std::string_view text, size_t max_chars) {
    size_t count = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (count == max_chars) return std::string(text.substr(0, i));
        ++count;
    }
    return std::string(text);
}

namespace {

FieldError& AddError(CheckoutCheck* check, const char* field, FieldProblem problem) {
    FieldError e;
    e.field = field;
    e.problem = problem;
    check->errors.push_back(std::move(e));
    return check->errors.back();
}

// Required free text: trimmed length within bounds, clean UTF-8.
void CheckTextField(CheckoutCheck* check, const char* field, const std::string& value, size_t min_chars,
                    size_t max_chars) {
    std::string trimmed = TrimSpaces(value);
    if (trimmed.empty()) {
        AddError(check, field, FieldProblem::Missing);
    } else if (!IsCleanText(trimmed)) {
        AddError(check, field, FieldProblem::BadCharacters);
    } else if (CountUtf8Chars(trimmed) < min_chars) {
        AddError(check, field, FieldProblem::TooShort).min_chars = min_chars;
    } else if (CountUtf8Chars(trimmed) > max_chars) {
        AddError(check, field, FieldProblem::TooLong);
    }
}

}  // namespace

CheckoutCheck ValidateCheckout(const CheckoutForm& form, const MarketInfo& market) {
    CheckoutCheck check;
    CheckTextField(&check, "name", form.name, MIN_NAME_CHARS, MAX_BUYER_NAME_CHARS);
    PhoneResult phone = NormalizePhone(form.phone);
    if (phone.ok())
        check.phone_normalized = phone.normalized;
    else
        AddError(&check, "phone", FieldProblem::BadPhone).phone = phone.error;

    const DeliveryOption* option = FindDeliveryOption(market.delivery, form.delivery_method);
    if (form.delivery_method == DeliveryMethod::Unknown)
        AddError(&check, "delivery_method", FieldProblem::Missing);
    else if (!option)
        AddError(&check, "delivery_method", FieldProblem::NotOffered);

    bool delivered = form.delivery_method != DeliveryMethod::Pickup;
    if (delivered) {
        CheckTextField(&check, "address", form.address, MIN_ADDRESS_CHARS, MAX_ADDRESS_CHARS);
        CheckTextField(&check, "landmark", form.landmark, MIN_LANDMARK_CHARS, MAX_LANDMARK_CHARS);
        int64_t distance = form.area_id.empty() ? -1 : FindAreaDistanceM(market, form.area_id);
        if (form.area_id.empty()) {
            AddError(&check, "area_id", FieldProblem::Missing);
        } else if (distance < 0) {
            AddError(&check, "area_id", FieldProblem::NotServed);
        } else if (distance > market.delivery.max_distance_m) {
            AddError(&check, "area_id", FieldProblem::TooFar);
        } else {
            check.distance_m = distance;
        }
    } else {
        // Pickup needs no address, but what was typed must still be storable text.
        if (!IsCleanText(form.address) || CountUtf8Chars(form.address) > MAX_ADDRESS_CHARS)
            AddError(&check, "address", FieldProblem::BadCharacters);
        if (!IsCleanText(form.landmark) || CountUtf8Chars(form.landmark) > MAX_LANDMARK_CHARS)
            AddError(&check, "landmark", FieldProblem::BadCharacters);
    }
    if (form.payment_method == PaymentMethod::Unknown)
        AddError(&check, "payment_method", FieldProblem::Missing);
    return check;
}

}  // namespace pasar
