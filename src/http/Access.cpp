#include "http/Access.h"

#include "core/Error.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <algorithm>
#include <iterator>
#include <sstream>

namespace kansli::http {

namespace {

std::array<unsigned char, 32> digestOf(std::string_view token)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(token.data(), static_cast<unsigned>(token.size()));
    const Poco::DigestEngine::Digest& d = engine.digest();
    std::array<unsigned char, 32> out{};
    for (std::size_t i = 0; i < out.size() && i < d.size(); ++i) {
        out.at(i) = d.at(i);
    }
    return out;
}

bool nameCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
        || c == '-';
}

/// Characters of RFC 6750's b64token, so a token fits an Authorization header unchanged.
bool tokenCharacter(char c)
{
    return nameCharacter(c) || c == '~' || c == '+' || c == '/' || c == '=';
}

std::string trim(const std::string& text)
{
    return Poco::trim(text);
}

} // namespace

const char* roleName(Role role)
{
    switch (role) {
    case Role::CaseSystem:
        return "case-system";
    case Role::Caseworker:
        return "caseworker";
    case Role::Legal:
        return "legal";
    }
    return "unknown";
}

std::optional<Role> parseRole(std::string_view name)
{
    for (Role role : {Role::CaseSystem, Role::Caseworker, Role::Legal}) {
        if (name == roleName(role)) {
            return role;
        }
    }
    return std::nullopt;
}

void TokenStore::add(const std::string& text, const std::string& origin)
{
    std::string normalized = text;
    for (char& c : normalized) {
        if (c == ',' || c == '\r') {
            c = '\n';
        }
    }
    std::istringstream in(normalized);
    int number = 0;
    for (std::string raw; std::getline(in, raw);) {
        const std::string entry = trim(raw);
        if (entry.empty() || entry[0] == '#') {
            continue;
        }
        ++number;
        const std::string where = origin + ", entry " + std::to_string(number);
        const auto first = entry.find(':');
        const auto second = first == std::string::npos ? std::string::npos : entry.find(':', first + 1);
        if (second == std::string::npos) {
            throw Error(ErrorCode::Config, where + ": a token entry is name:role:token");
        }
        const std::string name = entry.substr(0, first);
        const std::string role = entry.substr(first + 1, second - first - 1);
        const std::string token = entry.substr(second + 1);
        if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), nameCharacter)) {
            throw Error(ErrorCode::Config, where + ": the name must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        const auto parsedRole = parseRole(role);
        if (!parsedRole) {
            throw Error(
                ErrorCode::Config, where + " (" + name + "): the role must be case-system, caseworker or legal");
        }
        if (token.size() < MIN_TOKEN_LENGTH || token.size() > 512
            || !std::all_of(token.begin(), token.end(), tokenCharacter)) {
            throw Error(ErrorCode::Config,
                where + " (" + name + "): the token must be " + std::to_string(MIN_TOKEN_LENGTH)
                    + " to 512 of A-Z a-z 0-9 . _ - ~ + / =");
        }
        const auto digest = digestOf(token);
        for (const auto& e : _entries) {
            if (e.name == name) {
                throw Error(ErrorCode::Config, where + ": the name " + name + " is used twice");
            }
            if (e.digest == digest) {
                throw Error(ErrorCode::Config, where + " (" + name + "): the same token as " + e.name);
            }
        }
        _entries.push_back({name, *parsedRole, digest});
    }
}

std::optional<Caller> TokenStore::find(std::string_view token) const
{
    // Hashing first makes every comparison 32 bytes whatever the token's length; every entry is
    // compared in full, so the time says nothing about which entry (or how much of one) matched.
    const auto presented = digestOf(token);
    const Entry* match = nullptr;
    for (const auto& entry : _entries) {
        unsigned char difference = 0;
        for (std::size_t i = 0; i < presented.size(); ++i) {
            difference = static_cast<unsigned char>(difference | (presented[i] ^ entry.digest[i]));
        }
        const bool equal = difference == 0;
        match = equal ? &entry : match;
    }
    if (match == nullptr) {
        return std::nullopt;
    }
    return Caller{match->name, match->role};
}

std::optional<std::string> tokenFromAuthorization(const std::string& header)
{
    const std::string value = trim(header);
    const auto space = value.find(' ');
    if (space == std::string::npos) {
        return std::nullopt;
    }
    const std::string scheme = Poco::toLower(value.substr(0, space));
    const std::string credentials = trim(value.substr(space + 1));
    if (credentials.empty()) {
        return std::nullopt;
    }
    if (scheme == "bearer") {
        return credentials;
    }
    if (scheme == "basic") {
        std::string decoded;
        try {
            std::istringstream in(credentials);
            Poco::Base64Decoder decoder(in);
            decoded.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
        } catch (const Poco::Exception&) {
            return std::nullopt;
        }
        const auto colon = decoded.find(':');
        if (colon == std::string::npos || colon + 1 >= decoded.size()) {
            return std::nullopt;
        }
        return decoded.substr(colon + 1);
    }
    return std::nullopt;
}

std::optional<ProbeAccess> parseProbeAccess(std::string_view text)
{
    if (text == "loopback") {
        return ProbeAccess::Loopback;
    }
    if (text == "open") {
        return ProbeAccess::Open;
    }
    if (text == "token") {
        return ProbeAccess::Token;
    }
    return std::nullopt;
}

Access Access::roles(std::initializer_list<Role> roles)
{
    unsigned bits = 0;
    for (Role role : roles) {
        bits |= bit(role);
    }
    return Access(Kind::Roles, bits);
}

std::string Access::describe() const
{
    if (_kind == Kind::Open) {
        return "open";
    }
    if (_kind == Kind::Probe) {
        return "probe";
    }
    std::string out;
    for (Role role : {Role::CaseSystem, Role::Caseworker, Role::Legal}) {
        if (allows(role)) {
            out += (out.empty() ? "" : ", ") + std::string(roleName(role));
        }
    }
    return out;
}

} // namespace kansli::http
