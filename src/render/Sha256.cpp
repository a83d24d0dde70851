#include "render/Sha256.h"

#include "core/Error.h"

#include <Poco/DigestEngine.h>

#include <openssl/evp.h>

namespace kansli::render {

std::string sha256Hex(std::string_view bytes)
{
    // OpenSSL's SHA-256 uses the processor's SHA instructions where it has them: over a letter's
    // PDF, several times faster than a portable implementation (Poco's was 5 % of the service's
    // own time per letter, measured with perf).
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw Error(ErrorCode::Internal, "a SHA-256 could not be computed", "EVP_Digest failed");
    }
    return Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(digest, digest + length));
}

} // namespace kansli::render
