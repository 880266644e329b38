#include "core/units.h"

#include "core/money.h"

namespace pasar {

const char* BaseUnitName(BaseUnit unit) {
    switch (unit) {
        case BaseUnit::Kg: return "kg";
        case BaseUnit::Liter: return "liter";
        case BaseUnit::Piece: return "piece";
        case BaseUnit::Unknown: break;
    }
    return "unknown";
}

BaseUnit ParseBaseUnit(std::string_view text) {
    if (text == "kg") return BaseUnit::Kg;
    if (text == "liter") return BaseUnit::Liter;
    if (text == "piece") return BaseUnit::Piece;
    return BaseUnit::Unknown;
}

namespace {

const char* const PIECE_WORDS[] = {"ikat",  "biji",   "butir",  "buah",    "ekor",   "tumpuk",
                                   "gandeng", "papan", "bungkus", "potong", "sisir",  "bonggol",
                                   "renteng", "sachet", "botol",  "kaleng", "karung", "pack",
                                   "lembar", "pasang", "keping", "batang", "tandan", "kotak"};

struct UnitWord {
    const char* word;
    BaseUnit kind;     // Kg for weights, Liter for volumes
    int64_t milli;     // thousandths of the base unit in one of this unit
};
const UnitWord UNIT_WORDS[] = {
    {"kg", BaseUnit::Kg, 1000},     {"kilo", BaseUnit::Kg, 1000},   {"kilogram", BaseUnit::Kg, 1000},
    {"kgs", BaseUnit::Kg, 1000},    {"g", BaseUnit::Kg, 1},         {"gr", BaseUnit::Kg, 1},
    {"gram", BaseUnit::Kg, 1},      {"grm", BaseUnit::Kg, 1},       {"ons", BaseUnit::Kg, 100},
    {"l", BaseUnit::Liter, 1000},   {"liter", BaseUnit::Liter, 1000}, {"litre", BaseUnit::Liter, 1000},
    {"ltr", BaseUnit::Liter, 1000}, {"lt", BaseUnit::Liter, 1000},  {"ml", BaseUnit::Liter, 1},
    {"mililiter", BaseUnit::Liter, 1}, {"cc", BaseUnit::Liter, 1},
};

const char* const NUMBER_WORDS[] = {"nol",  "satu",  "dua",     "tiga",     "empat",  "lima",
                                    "enam", "tujuh", "delapan", "sembilan", "sepuluh"};

// A non-negative rational with small terms; every step checks for overflow.
struct Amount {
    int64_t num = 0;
    int64_t den = 1;
};
constexpr int64_t AMOUNT_LIMIT = 1000000000000LL;  // 10^12, far above any sane quantity

bool AddAmount(Amount* a, Amount b) {
    int64_t n1, n2, d;
    if (__builtin_mul_overflow(a->num, b.den, &n1) || __builtin_mul_overflow(b.num, a->den, &n2) ||
        __builtin_mul_overflow(a->den, b.den, &d) || __builtin_add_overflow(n1, n2, &n1))
        return false;
    int64_t x = n1, y = d;
    while (y != 0) {
        int64_t t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) {
        n1 /= x;
        d /= x;
    }
    if (n1 > AMOUNT_LIMIT * d || d > AMOUNT_LIMIT) return false;
    a->num = n1;
    a->den = d;
    return true;
}

QuantityParse Failed(QuantityError error, std::string word = "") {
    QuantityParse result;
    result.error = error;
    result.word = std::move(word);
    return result;
}

QuantityParse WithUnit(QuantityParse result, BaseUnit unit, std::string_view piece_name) {
    result.unit = unit;
    result.piece_name = std::string(piece_name);
    return result;
}

QuantityParse WrongUnit(BaseUnit unit, std::string_view piece_name) {
    return WithUnit(Failed(QuantityError::WrongUnit), unit, piece_name);
}

QuantityParse TooLarge(BaseUnit unit, std::string_view piece_name) {
    QuantityParse result = WithUnit(Failed(QuantityError::TooLarge), unit, piece_name);
    result.limit_milli = MaxQtyMilli(unit);
    return result;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

// Splits lower-cased text into number tokens ("2,5", "1/4", "1.000") and word tokens ("kg").
// Returns false on a character that has no place in a quantity.
bool Tokenize(std::string_view text, std::vector<std::string>* tokens, char* bad) {
    std::string s;
    s.reserve(text.size() + 8);
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0xC2 && i + 1 < text.size()) {
            unsigned char d = static_cast<unsigned char>(text[i + 1]);
            const char* frac = d == 0xBD ? " 1/2 " : d == 0xBC ? " 1/4 " : d == 0xBE ? " 3/4 " : nullptr;
            if (frac) {
                s += frac;
                ++i;
                continue;
            }
        }
        s += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : char(c);
    }
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (IsDigit(c)) {
            size_t start = i;
            while (i < s.size() && (IsDigit(s[i]) || ((s[i] == '.' || s[i] == ',' || s[i] == '/') &&
                                                     i + 1 < s.size() && IsDigit(s[i + 1]))))
                ++i;
            tokens->push_back(s.substr(start, i - start));
        } else if (IsLetter(c)) {
            size_t start = i;
            while (i < s.size() && IsLetter(s[i])) ++i;
            tokens->push_back(s.substr(start, i - start));
            if (i < s.size() && s[i] == '.') ++i;  // "kg." as an abbreviation
        } else {
            *bad = c;
            return false;
        }
    }
    return true;
}

bool ParseDigits(std::string_view digits, int64_t* out) {
    if (digits.empty() || digits.size() > 12) return false;
    int64_t v = 0;
    for (char c : digits) {
        if (!IsDigit(c)) return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

// "1.000", "12.500.000": one to three digits, then groups of '.' and exactly three digits.
bool IsGroupedThousands(const std::string& s) {
    size_t dot = s.find('.');
    if (dot == 0 || dot > 3 || dot == std::string::npos) return false;
    for (size_t p = dot; p < s.size(); p += 4) {
        if (s[p] != '.' || p + 3 >= s.size()) return false;
        for (size_t k = p + 1; k <= p + 3; ++k)
            if (!IsDigit(s[k])) return false;
    }
    return true;
}

// "2", "2,5", "2.5", "1.000", "1.000,5", "1/4". Indonesian rule: '.' followed by exactly three
// digits groups thousands; any other '.' is a decimal point, as is ','.
bool ParseNumberToken(const std::string& token, Amount* out) {
    size_t slash = token.find('/');
    if (slash != std::string::npos) {
        int64_t a = 0, b = 0;
        if (!ParseDigits(std::string_view(token).substr(0, slash), &a) ||
            !ParseDigits(std::string_view(token).substr(slash + 1), &b) || b == 0)
            return false;
        out->num = a;
        out->den = b;
        return true;
    }
    std::string whole, fraction;
    size_t comma = token.find(',');
    std::string int_part = token.substr(0, comma);
    if (comma != std::string::npos) fraction = token.substr(comma + 1);
    if (fraction.find_first_of(".,") != std::string::npos) return false;
    size_t dot = int_part.find('.');
    if (dot != std::string::npos) {
        bool grouped = IsGroupedThousands(int_part);
        if (grouped) {
            for (char c : int_part)
                if (c != '.') whole += c;
        } else {
            if (comma != std::string::npos || int_part.find('.', dot + 1) != std::string::npos)
                return false;
            whole = int_part.substr(0, dot);
            fraction = int_part.substr(dot + 1);
        }
    } else {
        whole = int_part;
    }
    int64_t w = 0, f = 0;
    if (!ParseDigits(whole, &w)) return false;
    if (fraction.size() > 9) return false;
    int64_t scale = 1;
    if (!fraction.empty()) {
        if (!ParseDigits(fraction, &f)) return false;
        for (size_t k = 0; k < fraction.size(); ++k) scale *= 10;
    }
    if (w > AMOUNT_LIMIT || __builtin_mul_overflow(w, scale, &w) || __builtin_add_overflow(w, f, &w))
        return false;
    out->num = w;
    out->den = scale;
    return true;
}

int NumberWord(const std::string& word) {
    for (int i = 0; i <= 10; ++i)
        if (word == NUMBER_WORDS[i]) return i;
    return -1;
}

const UnitWord* FindUnitWord(std::string_view word) {
    for (const UnitWord& u : UNIT_WORDS)
        if (word == u.word) return &u;
    return nullptr;
}

}  // namespace

bool IsKnownPieceName(std::string_view word) {
    for (const char* w : PIECE_WORDS)
        if (word == w) return true;
    return false;
}

QuantityParse ParseQuantity(std::string_view text, BaseUnit unit, std::string_view piece_name) {
    std::vector<std::string> tokens;
    char bad = 0;
    if (!Tokenize(text, &tokens, &bad))
        return Failed(QuantityError::NotANumber, std::string(1, bad));
    if (tokens.empty()) return Failed(QuantityError::Empty);

    Amount amount;
    bool have_amount = false;
    std::string unit_word;
    size_t i = 0;
    // Leading amount: numbers, number words, "setengah", "seperempat", "tiga perempat", "se"+unit.
    while (i < tokens.size()) {
        const std::string& t = tokens[i];
        Amount part;
        if (IsDigit(t[0])) {
            if (t.find_first_not_of("0123456789") == std::string::npos && t.size() > 12)
                return TooLarge(unit, piece_name);
            if (!ParseNumberToken(t, &part))
                return Failed(QuantityError::NotANumber, t);
        } else if (t == "setengah" || t == "stengah") {
            part = {1, 2};
        } else if (t == "seperempat") {
            part = {1, 4};
        } else if (t == "perempat" && have_amount && amount.den == 1 && amount.num <= 3) {
            amount.den = 4;  // "tiga perempat" = 3/4
            ++i;
            continue;
        } else if (NumberWord(t) >= 0) {
            part = {NumberWord(t), 1};
        } else if (!have_amount && t.size() > 2 && t[0] == 's' && t[1] == 'e' &&
                   (FindUnitWord(t.substr(2)) || t.substr(2) == piece_name ||
                    IsKnownPieceName(t.substr(2)))) {
            part = {1, 1};  // "sekilo", "seons", "seikat"
            unit_word = t.substr(2);
            if (!AddAmount(&amount, part))
                return TooLarge(unit, piece_name);
            have_amount = true;
            ++i;
            break;
        } else {
            break;
        }
        // Two plain numbers in a row only make sense as "1 1/2".
        if (have_amount && IsDigit(t[0]) && part.den == 1)
            return Failed(QuantityError::NotANumber, t);
        if (!AddAmount(&amount, part))
            return TooLarge(unit, piece_name);
        have_amount = true;
        ++i;
    }
    if (!have_amount)
        return Failed(QuantityError::NotANumber);
    if (unit_word.empty() && i < tokens.size()) unit_word = tokens[i++];
    if (i < tokens.size())
        return Failed(QuantityError::UnknownUnit, tokens[i]);

    int64_t milli_per_unit = 1000;
    if (!unit_word.empty()) {
        const UnitWord* u = FindUnitWord(unit_word);
        if (u) {
            if (u->kind != unit)
                return WrongUnit(unit, piece_name);
            milli_per_unit = u->milli;
        } else if (unit == BaseUnit::Piece &&
                   (unit_word == piece_name || unit_word == "pcs" || unit_word == "x")) {
            milli_per_unit = 1000;
        } else if (IsKnownPieceName(unit_word) || unit_word == "pcs") {
            return WrongUnit(unit, piece_name);
        } else {
            return Failed(QuantityError::UnknownUnit, unit_word);
        }
    } else if (unit != BaseUnit::Piece && amount.num > MAX_UNITLESS_BASE_UNITS * amount.den) {
        return Failed(QuantityError::NeedsUnit);
    }

    int64_t scaled = 0;
    if (__builtin_mul_overflow(amount.num, milli_per_unit, &scaled) ||
        scaled / amount.den > MaxQtyMilli(unit))
        return TooLarge(unit, piece_name);
    if (scaled % amount.den != 0)
        return WithUnit(Failed(QuantityError::TooPrecise), unit, piece_name);
    int64_t qty_milli = scaled / amount.den;
    if (qty_milli <= 0)
        return Failed(QuantityError::NotPositive);
    if (unit == BaseUnit::Piece && qty_milli % 1000 != 0)
        return WithUnit(Failed(QuantityError::NotWholePiece), unit, piece_name);
    QuantityParse result;
    result.qty_milli = qty_milli;
    return result;
}

static std::string FormatDecimal(int64_t milli) {
    std::string out = std::to_string(milli / 1000);
    int64_t frac = milli % 1000;
    if (frac != 0) {
        std::string digits = std::to_string(1000 + frac).substr(1);
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        out += ',';
        out += digits;
    }
    return out;
}

std::string FormatQuantity(int64_t qty_milli, BaseUnit unit, std::string_view piece_name) {
    if (qty_milli < 0) return "-" + FormatQuantity(0 - qty_milli, unit, piece_name);
    if (unit == BaseUnit::Piece || unit == BaseUnit::Unknown) {
        std::string name = piece_name.empty() ? std::string("buah") : std::string(piece_name);
        return FormatDecimal(qty_milli) + " " + name;
    }
    const char* big = unit == BaseUnit::Kg ? "kg" : "liter";
    if (qty_milli == 250) return std::string("1/4 ") + big;
    if (qty_milli == 500) return std::string("1/2 ") + big;
    if (qty_milli == 750) return std::string("3/4 ") + big;
    if (qty_milli < 1000 && qty_milli > 0) {
        if (unit == BaseUnit::Kg && qty_milli % 100 == 0) return std::to_string(qty_milli / 100) + " ons";
        return std::to_string(qty_milli) + (unit == BaseUnit::Kg ? " g" : " ml");
    }
    return FormatDecimal(qty_milli) + " " + big;
}

std::optional<int64_t> ComputePricePerKgRp(BaseUnit unit, int64_t price_rp, int64_t piece_weight_g) {
    if (price_rp < 0) return std::nullopt;
    if (unit == BaseUnit::Kg) return price_rp;
    if (unit == BaseUnit::Piece && piece_weight_g > 0) {
        int64_t per_kg = 0;
        if (MulDivRoundHalfUp(price_rp, 1000, piece_weight_g, &per_kg)) return per_kg;
    }
    return std::nullopt;
}

std::vector<SaleStep> MakeDefaultSteps(BaseUnit unit, std::string_view piece_name) {
    std::vector<SaleStep> steps;
    const int64_t KG_STEPS[] = {100, 250, 500, 1000};
    const int64_t LITER_STEPS[] = {500, 1000};
    if (unit == BaseUnit::Kg) {
        for (int64_t q : KG_STEPS) steps.push_back({FormatQuantity(q, unit, piece_name), q});
    } else if (unit == BaseUnit::Liter) {
        for (int64_t q : LITER_STEPS) steps.push_back({FormatQuantity(q, unit, piece_name), q});
    } else if (unit == BaseUnit::Piece) {
        steps.push_back({FormatQuantity(1000, unit, piece_name), 1000});
    }
    return steps;
}

}  // namespace pasar
