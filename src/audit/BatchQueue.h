#pragma once
/// Batches of letters as jobs in the audit database, so that any node works on them and a node
/// that dies loses nothing (docs/batches.md).
///
/// A batch is one row of `batches` and one row per case file in `batch_letters`. A node leases
/// up to N waiting letters of the oldest batch for a while (PostgreSQL: SELECT ... FOR UPDATE
/// SKIP LOCKED, so nodes never wait for each other's leases; SQLite: one writer at a time), makes
/// them and stores each result only while its lease is still its own. A lease that runs out (the
/// node died or stalled) makes the letter waiting again for any node; a letter leased
/// `MAX_ATTEMPTS` times without a result is failed, so that a case file that kills its engine
/// cannot stop the batch.
///
/// The rows hold case files and letters — personal data, unlike the audit records — until the
/// batch is older than the retention (purge()). Case files and PDFs are stored base64-encoded in
/// TEXT columns (one type both databases share). Thread-safe.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kansli::audit {

class Connection;

struct BatchInput {
    std::string name;     ///< the part's or ZIP entry's file name, as the caller sent it
    std::string caseFile; ///< the case file's bytes
};

/// A batch as its caller sees it.
struct BatchSummary {
    std::string id;
    std::string caller;
    std::string language; ///< of the findings' messages
    std::string createdAt;
    std::string finishedAt; ///< empty while letters are waiting or being made
    std::size_t letters = 0;
    std::size_t waiting = 0; ///< not yet made (pending or leased)
    std::size_t made = 0;
    std::size_t refused = 0;
    std::size_t failed = 0;
};

/// One letter's state and result.
struct BatchLetter {
    int position = 0;       ///< 0-based, the order it was sent in
    std::string name;
    std::string state;      ///< "pending" | "leased" | "made" | "refused" | "failed"
    std::string documentId; ///< made: its audit record
    std::string sha256;     ///< made: of the PDF
    int pages = 0;          ///< made
    std::string code;       ///< refused or failed: the error code (ErrorCode's name)
    std::string message;    ///< refused or failed: the public message
    std::string findings;   ///< refused: the findings as a JSON array (names fields, never values)
};

/// A letter leased to this node.
struct LeasedLetter {
    std::string batchId;
    int position = 0;
    std::string caller;
    std::string language;
    std::string caseFile;
};

class BatchQueue {
public:
    static constexpr int MAX_ATTEMPTS = 3;

    /// Opens its own connection to the audit database (an SQLite file or a PostgreSQL URI; the
    /// AuditTrail has created the tables). `node` names this node in leases. Throws
    /// kansli::Error (audit).
    BatchQueue(const std::string& database, std::string node);
    ~BatchQueue();
    BatchQueue(const BatchQueue&) = delete;
    BatchQueue& operator=(const BatchQueue&) = delete;

    /// Stores a batch, all its letters waiting, in one transaction; returns its id (a UUID).
    std::string submit(const std::string& caller, const std::string& language, const std::vector<BatchInput>& letters);

    /// The batch, when it exists and belongs to `caller` (another caller's is not found).
    std::optional<BatchSummary> find(const std::string& id, const std::string& caller);
    /// Every letter of a batch, in order (results only for those done).
    std::vector<BatchLetter> letters(const std::string& id);
    /// The PDF of a made letter (empty when it has none).
    std::string pdf(const std::string& id, int position);

    /// Leases up to `max` waiting letters of the oldest batch that has any (and letters whose
    /// lease ran out) for `leaseFor`. Letters leased MAX_ATTEMPTS times already are failed
    /// instead. Empty when nothing waits.
    std::vector<LeasedLetter> lease(std::size_t max, std::chrono::milliseconds leaseFor);

    /// Stores a result while the lease is still this node's; false when it is not (it ran out
    /// and another node took the letter: that node's result counts).
    bool storeMade(const LeasedLetter& letter, const std::string& documentId, const std::string& sha256, int pages,
                   const std::string& pdf);
    bool storeNotMade(const LeasedLetter& letter, bool refused, const std::string& code, const std::string& message,
                      const std::string& findingsJson);

    /// Marks the batch finished when no letter waits; true only for the one call that marked it
    /// (so that exactly one node announces it).
    bool finishIfDone(const std::string& id);

    /// Deletes batches created before `before` (UTC ISO 8601) with their letters; returns how many.
    std::size_t purge(const std::string& before);

private:
    std::unique_ptr<Connection> _db;
    std::string _node;
    std::string _label;
    std::mutex _mutex;
};

} // namespace kansli::audit
