#include "audit/BatchQueue.h"

#include "audit/Connection.h"
#include "core/Error.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Data/Statement.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>

namespace kansli::audit {

namespace {

std::string base64(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string unbase64(const std::string& text)
{
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::ostringstream out;
    out << decoder.rdbuf();
    return out.str();
}

Poco::Int64 nowMs()
{
    return Poco::Timestamp().epochMicroseconds() / 1000;
}

Error readError(const std::string& label, const Poco::Exception& e)
{
    return Error(ErrorCode::Audit, "the batch could not be read or stored", label + ": " + e.displayText());
}

} // namespace

BatchQueue::BatchQueue(const std::string& database, std::string node)
    : _node(std::move(node))
    , _label(AuditTrail::databaseLabel(database))
{
    try {
        _db = std::make_unique<Connection>(database, AuditTrail::isPostgresUri(database));
        if (!_db->postgres) {
            _db->session << "PRAGMA busy_timeout=10000", now;
            _db->session << "PRAGMA synchronous=FULL", now;
        }
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the batch queue cannot be opened", _label + ": " + e.displayText());
    }
}

BatchQueue::~BatchQueue() = default;

std::string BatchQueue::submit(const std::string& caller, const std::string& language,
                               const std::vector<BatchInput>& letters)
{
    std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    std::string createdAt = AuditTrail::nowIso();
    std::string who = caller;
    std::string lang = language;
    int count = static_cast<int>(letters.size());
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            _db->transaction([&] {
                _db->session << _db->sql("INSERT INTO batches (id, caller, language, created_at, letters) VALUES (?, ?, ?, ?, ?)"),
                    use(id), use(who), use(lang), use(createdAt), use(count), now;
                for (int i = 0; i < count; ++i) {
                    std::string name = letters.at(static_cast<std::size_t>(i)).name;
                    std::string file = base64(letters.at(static_cast<std::size_t>(i)).caseFile);
                    int position = i;
                    _db->session << _db->sql("INSERT INTO batch_letters (batch_id, position, name, case_file) VALUES (?, ?, ?, ?)"),
                        use(id), use(position), use(name), use(file), now;
                }
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return id;
}

std::optional<BatchSummary> BatchQueue::find(const std::string& id, const std::string& caller)
{
    std::string wanted = id;
    std::string who = caller;
    std::vector<std::string> callerColumn, language, created, finished;
    std::vector<int> count;
    std::vector<std::string> states;
    std::vector<Poco::Int64> perState;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            callerColumn.clear(); language.clear(); created.clear(); finished.clear(); count.clear();
            states.clear(); perState.clear();
            _db->session << _db->sql("SELECT caller, language, created_at, finished_at, letters FROM batches WHERE id = ? AND caller = ?"),
                use(wanted), use(who), into(callerColumn), into(language), into(created), into(finished), into(count), now;
            _db->session << _db->sql("SELECT state, count(*) FROM batch_letters WHERE batch_id = ? GROUP BY state"),
                use(wanted), into(states), into(perState), now;
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    if (callerColumn.empty()) {
        return std::nullopt;
    }
    BatchSummary summary{id, callerColumn.front(), language.front(), created.front(), finished.front(),
                         static_cast<std::size_t>(count.front())};
    for (std::size_t i = 0; i < states.size(); ++i) {
        const auto n = static_cast<std::size_t>(perState[i]);
        if (states[i] == "made") {
            summary.made += n;
        } else if (states[i] == "refused") {
            summary.refused += n;
        } else if (states[i] == "failed") {
            summary.failed += n;
        } else {
            summary.waiting += n;
        }
    }
    return summary;
}

std::vector<BatchLetter> BatchQueue::letters(const std::string& id)
{
    std::string wanted = id;
    std::vector<int> position, pages;
    std::vector<std::string> name, state, documentId, sha, code, message, findings;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            for (auto* column : {&name, &state, &documentId, &sha, &code, &message, &findings}) {
                column->clear();
            }
            position.clear();
            pages.clear();
            _db->session << _db->sql("SELECT position, name, state, document_id, sha256, pages, code, message, findings"
                                     " FROM batch_letters WHERE batch_id = ? ORDER BY position"),
                use(wanted), into(position), into(name), into(state), into(documentId), into(sha), into(pages),
                into(code), into(message), into(findings), now;
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    std::vector<BatchLetter> out;
    for (std::size_t i = 0; i < position.size(); ++i) {
        out.push_back({position[i], name[i], state[i], documentId[i], sha[i], pages[i], code[i], message[i], findings[i]});
    }
    return out;
}

std::string BatchQueue::pdf(const std::string& id, int position)
{
    std::string wanted = id;
    int at = position;
    std::vector<std::string> encoded;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            encoded.clear();
            _db->session << _db->sql("SELECT pdf FROM batch_letters WHERE batch_id = ? AND position = ? AND state = 'made'"),
                use(wanted), use(at), into(encoded), now;
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return encoded.empty() ? std::string() : unbase64(encoded.front());
}

std::vector<LeasedLetter> BatchQueue::lease(std::size_t max, std::chrono::milliseconds leaseFor)
{
    std::vector<LeasedLetter> leased;
    Poco::Int64 at = nowMs();
    Poco::Int64 until = at + leaseFor.count();
    int limit = static_cast<int>(max);
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            leased.clear();
            _db->transaction([&] {
                std::vector<std::string> batch;
                std::vector<int> position, attempts;
                // PostgreSQL: rows another node has locked are passed over, not waited for.
                _db->session << _db->sql(std::string(
                                    "SELECT l.batch_id, l.position, l.attempts FROM batch_letters l"
                                    " JOIN batches b ON b.id = l.batch_id"
                                    " WHERE l.state = 'pending' OR (l.state = 'leased' AND l.lease_until < ?)"
                                    " ORDER BY b.created_at, l.batch_id, l.position LIMIT ?")
                                    + (_db->postgres ? " FOR UPDATE OF l SKIP LOCKED" : "")),
                    use(at), use(limit), into(batch), into(position), into(attempts), now;
                for (std::size_t i = 0; i < batch.size() && batch[i] == batch.front(); ++i) {
                    std::string id = batch[i];
                    int pos = position[i];
                    if (attempts[i] >= MAX_ATTEMPTS) {
                        std::string code = "render";
                        std::string message = "The letter could not be made in " + std::to_string(MAX_ATTEMPTS)
                                              + " attempts; its engine or node stopped each time";
                        _db->session << _db->sql("UPDATE batch_letters SET state = 'failed', code = ?, message = ?,"
                                                 " lease_owner = '', lease_until = 0 WHERE batch_id = ? AND position = ?"),
                            use(code), use(message), use(id), use(pos), now;
                        continue;
                    }
                    _db->session << _db->sql("UPDATE batch_letters SET state = 'leased', lease_owner = ?, lease_until = ?,"
                                             " attempts = attempts + 1 WHERE batch_id = ? AND position = ?"),
                        use(_node), use(until), use(id), use(pos), now;
                    std::vector<std::string> file, caller, language;
                    _db->session << _db->sql("SELECT l.case_file, b.caller, b.language FROM batch_letters l"
                                             " JOIN batches b ON b.id = l.batch_id WHERE l.batch_id = ? AND l.position = ?"),
                        use(id), use(pos), into(file), into(caller), into(language), now;
                    leased.push_back({id, pos, caller.at(0), language.at(0), unbase64(file.at(0))});
                }
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return leased;
}

bool BatchQueue::storeMade(const LeasedLetter& letter, const std::string& documentId, const std::string& sha256,
                           int pages, const std::string& pdf)
{
    std::string id = letter.batchId;
    int position = letter.position;
    std::string document = documentId;
    std::string sha = sha256;
    int count = pages;
    std::string encoded = base64(pdf);
    std::size_t changed = 0;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            _db->transaction([&] {
                Poco::Data::Statement update(_db->session);
                update << _db->sql("UPDATE batch_letters SET state = 'made', document_id = ?, sha256 = ?, pages = ?,"
                                   " pdf = ?, lease_until = 0 WHERE batch_id = ? AND position = ? AND state = 'leased'"
                                   " AND lease_owner = ?"),
                    use(document), use(sha), use(count), use(encoded), use(id), use(position), use(_node);
                changed = update.execute();
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return changed == 1;
}

bool BatchQueue::storeNotMade(const LeasedLetter& letter, bool refused, const std::string& code,
                              const std::string& message, const std::string& findingsJson)
{
    std::string id = letter.batchId;
    int position = letter.position;
    std::string state = refused ? "refused" : "failed";
    std::string codeText = code;
    std::string messageText = message;
    std::string findings = findingsJson;
    std::size_t changed = 0;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            _db->transaction([&] {
                Poco::Data::Statement update(_db->session);
                update << _db->sql("UPDATE batch_letters SET state = ?, code = ?, message = ?, findings = ?,"
                                   " lease_until = 0 WHERE batch_id = ? AND position = ? AND state = 'leased'"
                                   " AND lease_owner = ?"),
                    use(state), use(codeText), use(messageText), use(findings), use(id), use(position), use(_node);
                changed = update.execute();
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return changed == 1;
}

bool BatchQueue::finishIfDone(const std::string& id)
{
    std::string wanted = id;
    std::string at = AuditTrail::nowIso();
    std::size_t changed = 0;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            _db->transaction([&] {
                Poco::Int64 waiting = 0;
                _db->session << _db->sql("SELECT count(*) FROM batch_letters WHERE batch_id = ? AND state IN ('pending', 'leased')"),
                    use(wanted), into(waiting), now;
                changed = 0;
                if (waiting == 0) {
                    Poco::Data::Statement update(_db->session);
                    update << _db->sql("UPDATE batches SET finished_at = ? WHERE id = ? AND finished_at = ''"), use(at),
                        use(wanted);
                    changed = update.execute();
                }
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return changed == 1;
}

std::size_t BatchQueue::purge(const std::string& before)
{
    std::string limit = before;
    std::size_t removed = 0;
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _db->run([&] {
            _db->transaction([&] {
                _db->session << _db->sql("DELETE FROM batch_letters WHERE batch_id IN (SELECT id FROM batches WHERE created_at < ?)"),
                    use(limit), now;
                Poco::Data::Statement remove(_db->session);
                remove << _db->sql("DELETE FROM batches WHERE created_at < ?"), use(limit);
                removed = remove.execute();
            });
        });
    } catch (const Poco::Exception& e) {
        throw readError(_label, e);
    }
    return removed;
}

} // namespace kansli::audit
