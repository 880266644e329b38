#include "core/sync_protocol.h"

#include <algorithm>
#include <cmath>

namespace pasar {

namespace {

std::string WithStatus(int status, const std::string& text) {
    return (status == 0 ? std::string("no reply") : "HTTP " + std::to_string(status)) + ": " + text;
}

// What a refusal says, or a stand-in when its body is not our JSON (a proxy's HTML page, a timeout).
WireError ReadError(const SyncHttpReply& reply, bool* decoded) {
    Decoded<WireError> d = DecodeWireError(reply.body);
    *decoded = d.ok;
    if (d.ok) return d.value;
    WireError e;
    e.code = reply.status == 0 ? "network" : "http_" + std::to_string(reply.status);
    e.message = reply.status == 0 ? CleanServerText(reply.body)
                                  : "the server answered without a readable error (" + FormatDecodeError(d.error) + ")";
    return e;
}

bool IsRetryStatus(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500 || status < 100;
}

}  // namespace

PushRequest BuildPushRequest(const Outbox& outbox, std::optional<int64_t> cookie, const PushLimits& limits) {
    PushRequest request;
    if (!IsValidClientId(outbox.client_id)) {
        request.error = "client_id must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'";
        return request;
    }
    Json doc = Json::object();
    doc["push_version"] = PUSH_VERSION;
    doc["client_id"] = outbox.client_id;
    doc["cookie"] = cookie ? Json(*cookie) : Json(nullptr);
    doc["mutations"] = Json::array();
    // Every mutation adds its own JSON plus a comma; the envelope is measured once, empty.
    size_t body_bytes = DumpJson(doc).size();
    Json& mutations = doc["mutations"];
    request.batch.first_id = outbox.pending.empty() ? outbox.next_id : outbox.pending.front().id;
    for (const Mutation& m : outbox.pending) {
        if (mutations.size() >= limits.max_mutations) break;
        Json j = EncodeMutationJson(m);
        size_t add = DumpJson(j).size() + (mutations.empty() ? 0 : 1);
        // The first entry always goes, so an outsized one cannot stall the queue here; the server then
        // refuses it (413) and it leaves as rejected. AppendMutation's args cap keeps that from happening.
        if (!mutations.empty() && body_bytes + add > limits.max_body_bytes) break;
        body_bytes += add;
        mutations.push_back(std::move(j));
    }
    request.batch.count = mutations.size();
    request.body = DumpJson(doc);
    request.ok = true;
    return request;
}

const char* SyncOutcomeName(SyncOutcome outcome) {
    switch (outcome) {
        case SyncOutcome::Applied: return "applied";
        case SyncOutcome::Resend: return "resend";
        case SyncOutcome::NewClient: return "new_client";
        case SyncOutcome::SignIn: return "sign_in";
        case SyncOutcome::Retry: return "retry";
        case SyncOutcome::Refused: return "refused";
        case SyncOutcome::Unknown: break;
    }
    return "unknown";
}

static SyncPlan RetryPlan(const SyncHttpReply& reply, WireError error, std::string message) {
    SyncPlan plan;
    plan.outcome = SyncOutcome::Retry;
    plan.error = std::move(error);
    plan.message = WithStatus(reply.status, message);
    plan.retry_after_ms = reply.retry_after_ms;
    return plan;
}

static SyncPlan PlanApplied(const Outbox& outbox, const PushBatch& sent, const SyncHttpReply& reply) {
    Decoded<SyncReply> decoded = DecodeSyncReply(reply.body);
    if (!decoded.ok) return RetryPlan(reply, {}, "unreadable sync reply: " + FormatDecodeError(decoded.error));
    SyncReply& r = decoded.value;
    if (r.results.size() != sent.count)
        return RetryPlan(reply, {}, "the reply has " + std::to_string(r.results.size()) + " results for " +
                                        std::to_string(sent.count) + " mutations");
    for (size_t i = 0; i < r.results.size(); ++i) {
        const Mutation* m = FindPending(outbox, sent.first_id + int64_t(i));
        if (!m || r.results[i].id != m->id || r.results[i].key != m->key)
            return RetryPlan(reply, {}, "results[" + std::to_string(i) + "] does not answer mutation " +
                                            std::to_string(sent.first_id + int64_t(i)) + " of the batch");
    }
    if (sent.count && r.last_mutation_id < sent.last_id())
        return RetryPlan(reply, {}, "last_mutation_id " + std::to_string(r.last_mutation_id) +
                                        " is below the batch's last id " + std::to_string(sent.last_id()));
    SyncPlan plan;
    plan.outcome = SyncOutcome::Applied;
    // Only the batch leaves. Entries above it that the server also holds (an earlier, longer push whose
    // reply was lost) stay: the next push sends them again and gets their stored results back.
    plan.remove_through_id = sent.last_id();
    plan.server_last_mutation_id = r.last_mutation_id;
    plan.results = std::move(r.results);
    plan.cookie = r.cookie;
    plan.patch = std::move(r.patch);
    plan.message = "synced: " + std::to_string(sent.count) + " sent, server at id " +
                   std::to_string(r.last_mutation_id) + ", cookie " + std::to_string(r.cookie);
    return plan;
}

SyncPlan PlanSync(const Outbox& outbox, const PushBatch& sent, const SyncHttpReply& reply) {
    if (reply.status >= 200 && reply.status < 300) return PlanApplied(outbox, sent, reply);
    bool readable = false;
    WireError error = ReadError(reply, &readable);
    if (IsRetryStatus(reply.status) || (reply.status >= 300 && reply.status < 400))
        return RetryPlan(reply, error, error.code + ": " + error.message);
    SyncPlan plan;
    plan.error = error;
    if (reply.status == 409) {
        if (!readable || error.code != "mutation_gap" || error.expected_id < 1 || sent.count == 0 ||
            error.expected_id == sent.first_id)
            return RetryPlan(reply, error, "a 409 this client cannot act on: " + error.code);
        plan.server_last_mutation_id = error.expected_id - 1;
        if (error.expected_id > sent.first_id) {
            plan.outcome = SyncOutcome::Resend;
            // As for a 200: entries above the batch stay, and come back with results when sent again.
            plan.remove_through_id = std::min(error.expected_id - 1, sent.last_id());
            plan.message = "the server already holds ids below " + std::to_string(error.expected_id) +
                           "; they leave the outbox and the rest is sent again";
        } else {
            plan.outcome = SyncOutcome::NewClient;
            plan.message = "the server expects id " + std::to_string(error.expected_id) + " but this phone sent " +
                           std::to_string(sent.first_id) + ": it lost acknowledged entries; rebase on a new client id";
        }
        return plan;
    }
    if (reply.status == 401) {
        plan.outcome = SyncOutcome::SignIn;
        plan.message = WithStatus(reply.status, "sign in again: " + error.message);
        return plan;
    }
    plan.outcome = SyncOutcome::Refused;
    plan.remove_through_id = sent.count ? sent.last_id() : 0;
    for (size_t i = 0; i < sent.count; ++i) {
        const Mutation* m = FindPending(outbox, sent.first_id + int64_t(i));
        if (!m) continue;
        MutationResult r;
        r.id = m->id;
        r.key = m->key;
        r.status = ResultStatus::Rejected;
        r.code = error.code;
        r.message = error.message;
        r.field = error.field;
        r.answer = Json::object();
        r.answer["http_status"] = reply.status;
        plan.results.push_back(std::move(r));
    }
    plan.message = WithStatus(reply.status, "the server refused the push (" + error.code + "): " + error.message);
    return plan;
}

void ApplySyncPlan(Outbox* outbox, const SyncPlan& plan, const OutboxLimits& limits) {
    switch (plan.outcome) {
        case SyncOutcome::Applied:
        case SyncOutcome::Resend:
        case SyncOutcome::Refused: break;
        default: return;  // NewClient, SignIn, Retry, Unknown: nothing leaves
    }
    RemoveAnsweredEntries(outbox, plan.remove_through_id, plan.results, limits);
    if (plan.outcome == SyncOutcome::Refused) return;  // the server consumed none of those ids
    int64_t server_last = plan.server_last_mutation_id;
    // A server that has seen more ids than this copy of the outbox made (another tab with the same
    // client id, or an outbox restored from an older save) owns them: new entries must not reuse them.
    if (server_last >= outbox->next_id) outbox->next_id = server_last + 1;
    if (!outbox->pending.empty()) server_last = std::min(server_last, outbox->pending.front().id - 1);
    if (server_last > outbox->server_last_mutation_id) outbox->server_last_mutation_id = server_last;
}

int64_t RetryDelayMs(int attempt, double random01, int64_t retry_after_ms) {
    if (attempt <= 0) return 0;
    if (!(random01 >= 0.0)) random01 = 0.0;  // NaN too
    if (random01 >= 1.0) random01 = std::nextafter(1.0, 0.0);
    int64_t ceiling = FIRST_RETRY_DELAY_MS;
    for (int i = 1; i < attempt && ceiling < MAX_RETRY_DELAY_MS; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, MAX_RETRY_DELAY_MS);
    int64_t half = ceiling / 2;
    int64_t delay = half + int64_t(std::floor(random01 * double(ceiling - half)));
    if (retry_after_ms > delay) delay = std::min(retry_after_ms, MAX_RETRY_DELAY_MS);
    return delay;
}

}  // namespace pasar
