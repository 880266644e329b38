// outbox.json: the outbox as stored on the phone (format_version 1).
//
// {"format_version":1, "client_id":"p0a1b...", "next_id":8, "server_last_mutation_id":5,
//  "pending":[{"id":6,"key":"...","name":"place_order","args":{...},"created_at_ms":1764401001000}, ...],
//  "results":[{"id":5,"key":"...","name":"place_order","status":"ok","answer":{"order_id":...}},
//             {"id":4,"key":"...","name":"set_price","status":"rejected","code":"forbidden",
//              "message":"...","field":"args.product_id","answer":{}}]}
#include <limits>

#include "core/outbox.h"

namespace pasar {

Json EncodeMutationJson(const Mutation& m) {
    Json j = Json::object();
    j["id"] = m.id;
    j["key"] = m.key;
    j["name"] = m.name;
    j["args"] = m.args;
    j["created_at_ms"] = m.created_at_ms;
    return j;
}


namespace {

Json EncodeResultJson(const MutationResult& r) {
    Json j = Json::object();
    j["id"] = r.id;
    j["key"] = r.key;
    j["name"] = r.name;
    j["status"] = ResultStatusName(r.status);
    if (r.status == ResultStatus::Rejected) {
        j["code"] = r.code;
        j["message"] = r.message;
        if (!r.field.empty()) j["field"] = r.field;
    }
    j["answer"] = r.answer;
    return j;
}

bool ReadKey(const Json& v, const std::string& path, std::string* out, DecodeError* error) {
    auto it = v.find("key");
    std::string p = JoinPath(path, "key");
    if (it == v.end()) return Fail(error, p, "is required");
    if (!it->is_string() || !IsValidMutationKey(it->get_ref<const std::string&>()))
        return Fail(error, p, "must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
    *out = it->get_ref<const std::string&>();
    return true;
}

bool ReadName(const Json& v, const std::string& path, bool allow_empty, std::string* out, DecodeError* error) {
    auto it = v.find("name");
    std::string p = JoinPath(path, "name");
    if (it == v.end()) return Fail(error, p, "is required");
    if (!it->is_string()) return Fail(error, p, "must be a string");
    const std::string& name = it->get_ref<const std::string&>();
    if (!(allow_empty && name.empty()) && !IsValidMutationName(name))
        return Fail(error, p, "must be 1 to 64 characters of a-z, 0-9, '_', starting with a letter");
    *out = name;
    return true;
}

// Server text stored as it was cleaned on arrival: the decoder insists it is still clean.
bool ReadCleanText(const Json& v, const std::string& path, const char* key, bool required, std::string* out,
                   DecodeError* error) {
    auto it = v.find(key);
    std::string p = JoinPath(path, key);
    if (it == v.end()) return required ? Fail(error, p, "is required") : true;
    if (!it->is_string()) return Fail(error, p, "must be a string");
    const std::string& text = it->get_ref<const std::string&>();
    if (CleanServerText(text) != text)
        return Fail(error, p, "must be at most " + std::to_string(MAX_SERVER_MESSAGE_BYTES) +
                                  " bytes without control characters");
    *out = text;
    return true;
}

bool DecodeMutationJson(const Json& v, const std::string& path, Mutation* m, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadInt(v, path, "id", 1, MAX_MUTATION_ID, &m->id, error) ||
        !ReadKey(v, path, &m->key, error) || !ReadName(v, path, false, &m->name, error))
        return false;
    auto args = v.find("args");
    if (args == v.end()) return Fail(error, JoinPath(path, "args"), "is required");
    if (!CheckJsonObjectShape(*args, JoinPath(path, "args"), MAX_MUTATION_ARGS_DEPTH, MAX_MUTATION_ARGS_BYTES,
                              error))
        return false;
    m->args = *args;
    return ReadInt(v, path, "created_at_ms", 0, MAX_CLOCK_MS, &m->created_at_ms, error);
}

bool DecodeResultJson(const Json& v, const std::string& path, MutationResult* r, DecodeError* error) {
    std::string status;
    if (!ExpectObject(v, path, error) || !ReadInt(v, path, "id", 1, MAX_MUTATION_ID, &r->id, error) ||
        !ReadKey(v, path, &r->key, error) || !ReadName(v, path, true, &r->name, error) ||
        !ReadString(v, path, "status", TextRule::Id, &status, error))
        return false;
    r->status = ParseResultStatus(status);
    if (r->status == ResultStatus::Unknown)
        return Fail(error, JoinPath(path, "status"), "must be one of ok, rejected, acknowledged");
    if (r->status == ResultStatus::Rejected) {
        if (!ReadCleanText(v, path, "code", true, &r->code, error) ||
            !ReadCleanText(v, path, "message", true, &r->message, error) ||
            !ReadCleanText(v, path, "field", false, &r->field, error))
            return false;
        if (r->code.empty()) return Fail(error, JoinPath(path, "code"), "must not be empty");
    } else if (v.contains("code") || v.contains("message") || v.contains("field")) {
        return Fail(error, JoinPath(path, "code"), "is only for status rejected");
    }
    auto answer = v.find("answer");
    if (answer == v.end()) return Fail(error, JoinPath(path, "answer"), "is required");
    if (!CheckJsonObjectShape(*answer, JoinPath(path, "answer"), MAX_MUTATION_ARGS_DEPTH, MAX_MUTATION_ARGS_BYTES,
                              error))
        return false;
    r->answer = *answer;
    return true;
}

}  // namespace

std::string EncodeOutbox(const Outbox& outbox) {
    Json doc = Json::object();
    doc["format_version"] = OUTBOX_FORMAT_VERSION;
    doc["client_id"] = outbox.client_id;
    doc["next_id"] = outbox.next_id;
    doc["server_last_mutation_id"] = outbox.server_last_mutation_id;
    Json pending = Json::array();
    for (const Mutation& m : outbox.pending) pending.push_back(EncodeMutationJson(m));
    doc["pending"] = std::move(pending);
    Json results = Json::array();
    for (const MutationResult& r : outbox.results) results.push_back(EncodeResultJson(r));
    doc["results"] = std::move(results);
    return DumpJson(doc);
}

Decoded<Outbox> DecodeOutbox(std::string_view text) {
    Decoded<Outbox> result;
    DecodeError* error = &result.error;
    Outbox& o = result.value;
    Json doc = ParseVersionedDocument(text, OUTBOX_FORMAT_VERSION, "", error);
    if (doc.is_discarded()) return result;
    auto client = doc.find("client_id");
    if (client == doc.end()) {
        Fail(error, "client_id", "is required");
        return result;
    }
    if (!client->is_string() || !IsValidClientId(client->get_ref<const std::string&>())) {
        Fail(error, "client_id", "must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'");
        return result;
    }
    o.client_id = client->get_ref<const std::string&>();
    if (!ReadInt(doc, "", "next_id", 1, MAX_MUTATION_ID + 1, &o.next_id, error) ||
        !ReadInt(doc, "", "server_last_mutation_id", 0, o.next_id - 1, &o.server_last_mutation_id, error))
        return result;
    const Json* pending = nullptr;
    const Json* results = nullptr;
    if (!ReadArray(doc, "", "pending", &pending, error)) return result;
    if (pending->size() > MAX_OUTBOX_ENTRIES) {
        Fail(error, "pending", "must hold at most " + std::to_string(MAX_OUTBOX_ENTRIES) + " entries");
        return result;
    }
    // The first pending id follows from next_id and the count, so holes and reordering are caught.
    int64_t expected_id = o.next_id - int64_t(pending->size());
    if (expected_id <= o.server_last_mutation_id) {
        Fail(error, "pending", "must hold only ids above server_last_mutation_id " +
                                   std::to_string(o.server_last_mutation_id) + " and below next_id " +
                                   std::to_string(o.next_id));
        return result;
    }
    for (size_t i = 0; i < pending->size(); ++i, ++expected_id) {
        Mutation m;
        std::string path = IndexPath("pending", i);
        if (!DecodeMutationJson((*pending)[i], path, &m, error)) return result;
        if (m.id != expected_id) {
            Fail(error, JoinPath(path, "id"), "must be " + std::to_string(expected_id) +
                                                  " (ids are consecutive and end at next_id - 1)");
            return result;
        }
        o.pending.push_back(std::move(m));
    }
    if (!ReadArray(doc, "", "results", &results, error)) return result;
    if (results->size() > MAX_OUTBOX_RESULTS) {
        Fail(error, "results", "must hold at most " + std::to_string(MAX_OUTBOX_RESULTS) + " entries");
        return result;
    }
    for (size_t i = 0; i < results->size(); ++i) {
        MutationResult r;
        std::string path = IndexPath("results", i);
        if (!DecodeResultJson((*results)[i], path, &r, error)) return result;
        for (const MutationResult& earlier : o.results) {
            if (earlier.id == r.id && earlier.key == r.key) {
                Fail(error, path, "repeats the result of id " + std::to_string(r.id) + " and its key");
                return result;
            }
        }
        o.results.push_back(std::move(r));
    }
    result.ok = true;
    return result;
}

}  // namespace pasar
