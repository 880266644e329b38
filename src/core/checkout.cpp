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

static PhoneResult PhoneFailed(PhoneError error, const char* id, const char* en) {
    PhoneResult result;
    result.error = error;
    result.message_id = id;
    result.message_en = en;
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
            return PhoneFailed(PhoneError::BadCharacter, "Nomor HP hanya boleh berisi angka",
                               "Phone number may contain only digits, spaces, dashes and brackets");
        digits += c;
    }
    if (digits.empty() && !plus)
        return PhoneFailed(PhoneError::Empty, "Nomor HP belum diisi", "Phone number is required");
    std::string rest;
    if (plus) {
        if (digits.compare(0, 2, "62") != 0)
            return PhoneFailed(PhoneError::BadPrefix, "Nomor HP harus diawali 08 atau +62",
                               "Phone number must start with 08 or +62");
        rest = digits.substr(2);
    } else if (digits.compare(0, 2, "62") == 0) {
        rest = digits.substr(2);
    } else if (digits[0] == '0') {
        rest = digits.substr(1);
    } else {
        return PhoneFailed(PhoneError::BadPrefix, "Nomor HP harus diawali 08 atau +62",
                           "Phone number must start with 08 or +62");
    }
    // "+62 (0)812..." is a common way to write it: the trunk 0 after the country code is dropped.
    if ((plus || digits.compare(0, 2, "62") == 0) && rest.size() >= 2 && rest[0] == '0' && rest[1] == '8')
        rest.erase(0, 1);
    if (rest.empty() || rest[0] != '8')
        return PhoneFailed(PhoneError::BadPrefix, "Nomor HP harus diawali 08 atau +62",
                           "Phone number must start with 08 or +62");
    if (rest.size() < 2)
        return PhoneFailed(PhoneError::TooShort, "Nomor HP terlalu pendek", "Phone number is too short");
    if (rest[1] == '0')
        return PhoneFailed(PhoneError::BadPrefix, "Nomor HP seluler diawali 081 sampai 089",
                           "Mobile numbers start with 081 to 089");
    if (rest.size() < 9)
        return PhoneFailed(PhoneError::TooShort, "Nomor HP terlalu pendek", "Phone number is too short");
    if (rest.size() > 12)
        return PhoneFailed(PhoneError::TooLong, "Nomor HP terlalu panjang", "Phone number is too long");
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

struct FieldLabel {
    const char* field;
    const char* id;
    const char* en;
};
const FieldLabel LABELS[] = {
    {"name", "Nama", "Name"},
    {"phone", "Nomor HP", "Phone number"},
    {"address", "Alamat", "Address"},
    {"landmark", "Patokan", "Landmark"},
    {"area_id", "Wilayah antar", "Delivery area"},
    {"delivery_method", "Cara terima", "Delivery method"},
    {"payment_method", "Pembayaran", "Payment"},
};

void AddError(CheckoutCheck* check, const char* field, std::string id, std::string en) {
    FieldError e;
    e.field = field;
    for (const FieldLabel& label : LABELS) {
        if (e.field == label.field) {
            e.label_id = label.id;
            e.label_en = label.en;
        }
    }
    e.message_id = std::move(id);
    e.message_en = std::move(en);
    check->errors.push_back(std::move(e));
}

// Required free text: trimmed length within bounds, clean UTF-8.
void CheckTextField(CheckoutCheck* check, const char* field, const std::string& value, size_t min_chars,
                    size_t max_chars, const char* label_id, const char* label_en) {
    std::string trimmed = TrimSpaces(value);
    std::string lid(label_id), len(label_en);
    if (trimmed.empty()) {
        AddError(check, field, lid + " belum diisi", len + " is required");
    } else if (!IsCleanText(trimmed)) {
        AddError(check, field, lid + " berisi tanda yang tidak sah", len + " contains invalid characters");
    } else if (CountUtf8Chars(trimmed) < min_chars) {
        AddError(check, field, lid + " terlalu pendek (paling sedikit " + std::to_string(min_chars) + " huruf)",
                 len + " is too short (at least " + std::to_string(min_chars) + " characters)");
    } else if (CountUtf8Chars(trimmed) > max_chars) {
        AddError(check, field, lid + " terlalu panjang", len + " is too long");
    }
}

}  // namespace

CheckoutCheck ValidateCheckout(const CheckoutForm& form, const MarketInfo& market) {
    CheckoutCheck check;
    CheckTextField(&check, "name", form.name, MIN_NAME_CHARS, MAX_BUYER_NAME_CHARS, "Nama", "Name");
    PhoneResult phone = NormalizePhone(form.phone);
    if (phone.ok())
        check.phone_normalized = phone.normalized;
    else
        AddError(&check, "phone", phone.message_id, phone.message_en);

    const DeliveryOption* option = FindDeliveryOption(market.delivery, form.delivery_method);
    if (form.delivery_method == DeliveryMethod::Unknown)
        AddError(&check, "delivery_method", "Pilih cara terima pesanan", "Choose a delivery method");
    else if (!option)
        AddError(&check, "delivery_method", market.name + " tidak melayani cara ini",
                 market.name + " does not offer " + DeliveryMethodName(form.delivery_method));

    bool delivered = form.delivery_method != DeliveryMethod::Pickup;
    if (delivered) {
        CheckTextField(&check, "address", form.address, MIN_ADDRESS_CHARS, MAX_ADDRESS_CHARS, "Alamat",
                       "Address");
        CheckTextField(&check, "landmark", form.landmark, MIN_LANDMARK_CHARS, MAX_LANDMARK_CHARS,
                       "Patokan", "Landmark");
        int64_t distance = form.area_id.empty() ? -1 : FindAreaDistanceM(market, form.area_id);
        if (form.area_id.empty()) {
            AddError(&check, "area_id", "Pilih wilayah antar", "Choose a delivery area");
        } else if (distance < 0) {
            AddError(&check, "area_id", market.name + " belum mengantar ke wilayah ini",
                     market.name + " does not deliver to this area");
        } else if (distance > market.delivery.max_distance_m) {
            AddError(&check, "area_id", "Wilayah ini terlalu jauh dari " + market.name,
                     "This area is too far from " + market.name);
        } else {
            check.distance_m = distance;
        }
    } else {
        // Pickup needs no address, but what was typed must still be storable text.
        if (!IsCleanText(form.address) || CountUtf8Chars(form.address) > MAX_ADDRESS_CHARS)
            AddError(&check, "address", "Alamat berisi tanda yang tidak sah", "Address contains invalid characters");
        if (!IsCleanText(form.landmark) || CountUtf8Chars(form.landmark) > MAX_LANDMARK_CHARS)
            AddError(&check, "landmark", "Patokan berisi tanda yang tidak sah", "Landmark contains invalid characters");
    }
    if (form.payment_method == PaymentMethod::Unknown)
        AddError(&check, "payment_method", "Pilih cara bayar: COD, QRIS atau transfer",
                 "Choose a payment method: cod, qris or transfer");
    return check;
}

}  // namespace pasar
