#pragma once
/// Who may call what: bearer tokens with a name and a role, and the access rule of each route.
///
/// Roles: `case-system` (render, validate), `caseworker` (the /preview page, render, validate),
/// `legal` (templates, template checks). Tokens come from configuration as `name:role:token`
/// entries. Only the token's SHA-256 is kept in memory and a presented token is compared with
/// every entry in constant time. The token's *name* is what the log and the audit trail carry;
/// the token itself is never logged nor put into any message.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::http {

enum class Role { CaseSystem, Caseworker, Legal };

/// "case-system" | "caseworker" | "legal".
const char* roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

/// An authenticated caller.
struct Caller {
    std::string name; ///< the token's name from configuration
    Role role = Role::CaseSystem;
};

class TokenStore {
public:
    /// Adds the entries of `text`: `name:role:token` separated by commas or line breaks; blank
    /// lines and lines starting with '#' are skipped. `origin` names the source in messages
    /// (a file or KANSLI_TOKENS). Throws kansli::Error (config) for a malformed entry, an unknown
    /// role, a name outside [A-Za-z0-9._-], a token shorter than MIN_TOKEN_LENGTH or with
    /// characters outside [A-Za-z0-9._~+/=-], or a repeated name or token. Messages give the
    /// entry number and name, never the token.
    void add(const std::string& text, const std::string& origin);

    /// The caller whose token this is; nullopt when none. Takes the same time whichever
    /// entry matches, or none.
    std::optional<Caller> find(std::string_view token) const;

    std::size_t size() const noexcept { return _entries.size(); }
    bool empty() const noexcept { return _entries.empty(); }

    static constexpr std::size_t MIN_TOKEN_LENGTH = 16;

private:
    struct Entry {
        std::string name;
        Role role;
        std::array<unsigned char, 32> digest;
    };
    std::vector<Entry> _entries;
};

/// The token in an Authorization header value: "Bearer TOKEN", or "Basic base64(user:TOKEN)"
/// (so a browser's login dialog works for /preview; the user part is ignored). nullopt when
/// the header is absent or not one of these.
std::optional<std::string> tokenFromAuthorization(const std::string& header);

/// Who may reach /healthz, /readyz and /metrics without a token.
enum class ProbeAccess {
    Loopback, ///< peers on 127.0.0.0/8 or ::1 need no token, others need any valid token (default)
    Open, ///< nobody needs a token
    Token, ///< everybody needs a valid token
};

/// "loopback" | "open" | "token".
std::optional<ProbeAccess> parseProbeAccess(std::string_view text);

/// The access rule of one route.
class Access {
public:
    /// No token needed: the 404/405 answers and the preview page's static files (no case data).
    static Access open() { return Access(Kind::Open, 0); }
    /// A probe: see ProbeAccess.
    static Access probe() { return Access(Kind::Probe, 0); }
    /// Any valid token, whatever its role (the schema and the API description).
    static Access anyCaller() { return Access(Kind::Roles, ALL_ROLES); }
    /// A valid token with one of these roles.
    static Access roles(std::initializer_list<Role> roles);

    bool isOpen() const noexcept { return _kind == Kind::Open; }
    bool isProbe() const noexcept { return _kind == Kind::Probe; }
    bool allows(Role role) const noexcept { return (_roles & bit(role)) != 0; }
    /// "case-system, caseworker" — for the API description and messages.
    std::string describe() const;

private:
    enum class Kind { Open, Probe, Roles };
    static constexpr unsigned bit(Role role) { return 1u << static_cast<unsigned>(role); }
    static constexpr unsigned ALL_ROLES = 0x7;
    Access(Kind kind, unsigned roles)
        : _kind(kind)
        , _roles(roles)
    {
    }
    Kind _kind;
    unsigned _roles;
};

} // namespace kansli::http
