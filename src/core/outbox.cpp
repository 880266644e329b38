#include "core/outbox.h"

#include <algorithm>

namespace pasar {

namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string Hex(const uint8_t* bytes, size_t n) {
    static const char HEX[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
        out += HEX[bytes[i] >> 4];
        out += HEX[bytes[i] & 15];
    }
    return out;
}

// Depth-limited walk: stops descending past max_depth, so a hostile document cannot recurse deeply.
bool WithinDepth(const Json& value, int depth_left) {
    if (!value.is_structured()) return true;
    if (depth_left <= 0) return false;
    for (const Json& child : value)
        if (!WithinDepth(child, depth_left - 1)) return false;
    return true;
}

// Length of a valid UTF-8 prefix of at most max_bytes that does not split a character.
size_t Utf8Cut(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

}  // namespace

const char* ResultStatusName(ResultStatus status) {
    switch (status) {
        case ResultStatus::Ok: return "ok";
        case ResultStatus::Rejected: return "rejected";
        case ResultStatus::Acknowledged: return "acknowledged";
        case ResultStatus::Unknown: break;
    }
    return "unknown";
}

ResultStatus ParseResultStatus(std::string_view text) {
    if (text == "ok") return ResultStatus::Ok;
    if (text == "rejected") return ResultStatus::Rejected;
    if (text == "acknowledged") return ResultStatus::Acknowledged;
    return ResultStatus::Unknown;
}

bool IsValidClientId(std::string_view text) {
    if (text.size() < 8 || text.size() > 64) return false;
    for (char c : text)
        if (!IsAsciiAlnum(c) && c != '_' && c != '-') return false;
    return true;
}

bool IsValidMutationKey(std::string_view text) {
    if (text.size() < 8 || text.size() > 100) return false;
    for (char c : text)
        if (!IsAsciiAlnum(c) && c != '_' && c != '.' && c != ':' && c != '-') return false;
    return true;
}

bool IsValidMutationName(std::string_view text) {
    if (text.empty() || text.size() > MAX_MUTATION_NAME_BYTES || !(text[0] >= 'a' && text[0] <= 'z')) return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

std::string MakeClientId(const std::array<uint8_t, CLIENT_ID_RANDOM_BYTES>& bytes) {
    return "p" + Hex(bytes.data(), bytes.size());
}

std::string MakeMutationKey(const std::array<uint8_t, MUTATION_KEY_RANDOM_BYTES>& bytes) {
    return Hex(bytes.data(), bytes.size());
}

Outbox MakeOutbox(std::string client_id) {
    Outbox outbox;
    outbox.client_id = std::move(client_id);
    return outbox;
}

bool CheckJsonObjectShape(const Json& value, const std::string& path, int max_depth, size_t max_bytes,
                          DecodeError* error) {
    if (!value.is_object()) return Fail(error, path, "must be an object");
    if (!WithinDepth(value, max_depth))
        return Fail(error, path, "must be at most " + std::to_string(max_depth) + " levels deep");
    size_t bytes = DumpJson(value).size();
    if (bytes > max_bytes)
        return Fail(error, path, "must be at most " + std::to_string(max_bytes) + " bytes of JSON, not " +
                                     std::to_string(bytes));
    return true;
}

std::string CleanServerText(std::string_view text) {
    std::string out(text.substr(0, Utf8Cut(text, MAX_SERVER_MESSAGE_BYTES)));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    return out;
}

AppendResult AppendMutation(Outbox* outbox, NewMutation mutation, const OutboxLimits& limits) {
    AppendResult result;
    auto fail = [&result](OutboxError error, std::string message) {
        result.error = error;
        result.message = std::move(message);
        return result;
    };
    if (!IsValidClientId(outbox->client_id))
        return fail(OutboxError::BadClientId, "client_id must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
    if (outbox->pending.size() >= limits.max_entries) {
        result.max_entries = limits.max_entries;
        return fail(OutboxError::Full, "the outbox already holds " + std::to_string(outbox->pending.size()) +
                                           " unsent mutations, its limit; send them before adding more");
    }
    if (!IsValidMutationName(mutation.name))
        return fail(OutboxError::BadName, "name must be 1 to 64 characters of a-z, 0-9, '_', starting with a letter");
    if (!IsValidMutationKey(mutation.key))
        return fail(OutboxError::BadKey, "key must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
    DecodeError shape;
    if (!CheckJsonObjectShape(mutation.args, "args", MAX_MUTATION_ARGS_DEPTH, limits.max_args_bytes, &shape))
        return fail(OutboxError::BadArgs, FormatDecodeError(shape));
    if (mutation.created_at_ms < 0 || mutation.created_at_ms > MAX_CLOCK_MS)
        return fail(OutboxError::BadClock, "created_at_ms must be 0 to 2^53-1 milliseconds");
    if (outbox->next_id < 1 || outbox->next_id > MAX_MUTATION_ID)
        return fail(OutboxError::IdsExhausted, "no mutation ids are left for this client id");
    Mutation entry;
    entry.id = outbox->next_id;
    entry.key = std::move(mutation.key);
    entry.name = std::move(mutation.name);
    entry.args = std::move(mutation.args);
    entry.created_at_ms = mutation.created_at_ms;
    outbox->pending.push_back(std::move(entry));
    result.id = outbox->next_id++;
    return result;
}

const Mutation* FindPending(const Outbox& outbox, int64_t id) {
    if (outbox.pending.empty()) return nullptr;
    int64_t first = outbox.pending.front().id;
    if (id < first || id - first >= int64_t(outbox.pending.size())) return nullptr;
    return &outbox.pending[size_t(id - first)];
}

KeyState StateOfKey(const Outbox& outbox, std::string_view key, const MutationResult** result) {
    if (result) *result = nullptr;
    for (const Mutation& m : outbox.pending)
        if (m.key == key) return KeyState::Pending;
    const MutationResult* newest = nullptr;
    for (const MutationResult& r : outbox.results) {
        if (r.key != key) continue;
        if (r.status == ResultStatus::Ok) {
            if (result) *result = &r;
            return KeyState::Ok;
        }
        newest = &r;
    }
    if (!newest) return KeyState::Unknown;
    if (result) *result = newest;
    switch (newest->status) {
        case ResultStatus::Rejected: return KeyState::Rejected;
        case ResultStatus::Acknowledged: return KeyState::Acknowledged;
        default: return KeyState::Unknown;
    }
}

static void RecordResult(Outbox* outbox, MutationResult result) {
    for (MutationResult& r : outbox->results) {
        if (r.id == result.id && r.key == result.key) {
            if (result.name.empty()) result.name = r.name;
            r = std::move(result);
            return;
        }
    }
    outbox->results.push_back(std::move(result));
}

void RemoveAnsweredEntries(Outbox* outbox, int64_t through_id, const std::vector<MutationResult>& results,
                           const OutboxLimits& limits) {
    size_t leaving = 0;
    while (leaving < outbox->pending.size() && outbox->pending[leaving].id <= through_id) ++leaving;
    std::vector<bool> used(results.size(), false);
    for (size_t i = 0; i < leaving; ++i) {
        const Mutation& m = outbox->pending[i];
        MutationResult record;
        bool found = false;
        for (size_t j = 0; j < results.size() && !found; ++j) {
            if (!used[j] && results[j].id == m.id && results[j].key == m.key) {
                record = results[j];
                used[j] = found = true;
            }
        }
        if (!found) {
            record.id = m.id;
            record.key = m.key;
            record.status = ResultStatus::Acknowledged;
        }
        record.name = m.name;
        RecordResult(outbox, std::move(record));
    }
    // Answers for entries that already left (a replay after this phone dropped them, or another tab's).
    for (size_t j = 0; j < results.size(); ++j)
        if (!used[j]) RecordResult(outbox, results[j]);
    outbox->pending.erase(outbox->pending.begin(), outbox->pending.begin() + std::ptrdiff_t(leaving));
    if (outbox->results.size() > limits.max_results)
        outbox->results.erase(outbox->results.begin(),
                              outbox->results.end() - std::ptrdiff_t(limits.max_results));
}

bool RebaseOutbox(Outbox* outbox, std::string new_client_id) {
    if (!IsValidClientId(new_client_id) || new_client_id == outbox->client_id) return false;
    outbox->client_id = std::move(new_client_id);
    outbox->server_last_mutation_id = 0;
    int64_t id = 1;
    for (Mutation& m : outbox->pending) m.id = id++;
    outbox->next_id = id;
    return true;
}

}  // namespace pasar
