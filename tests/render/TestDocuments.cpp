#include "TestDocuments.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace kansli::render::test {

namespace {

const char* const HEAD =
    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\"><head>"
    "<meta charset=\"utf-8\"/><title>Test</title><style>"
    "body{zoom:1.2727;font-family:'DejaVu Sans';font-size:11pt;line-height:1.35}"
    "table{border-collapse:collapse}td,th{border:1px solid #444;padding:2mm}"
    ".break{page-break-after:always}"
    "</style></head><body>";

} // namespace

std::string threePageLetter()
{
    std::string html = HEAD;
    html += "<h1>Beslut om ersättning</h1>"
            "<p id=\"special\">Räksmörgås åäö ÅÄÖ § 12 – tankstreck, 5 − 3 minus.</p>"
            "<table><tr><th>Period</th><th>Belopp</th></tr>"
            "<tr><td>2026-01 – 2026-06</td><td>−1 200 kr</td></tr>"
            "<tr><td>2026-07 – 2026-12</td><td>3 400 kr</td></tr></table>"
            "<p class=\"break\">Första sidans slut.</p>"
            "<h2>Sida två</h2><p>Överklagande: skriv till myndigheten inom tre veckor.</p>"
            "<p class=\"break\">Andra sidans slut.</p>"
            "<h2>Sida tre</h2><p>Sista sidan med § 3 och – och −.</p>"
            "</body></html>\n";
    return html;
}

std::string longDocument(int pages)
{
    std::string html = HEAD;
    for (int p = 0; p < pages; ++p) {
        html += "<h2>Avsnitt " + std::to_string(p + 1) + "</h2>";
        for (int i = 0; i < 14; ++i)
            html += "<p>Lorem ipsum dolor sit amet, åäö consectetur adipiscing elit, sed do eiusmod "
                    "tempor incididunt ut labore et dolore magna aliqua – § " + std::to_string(i) + ".</p>";
        html += "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>";
    }
    html += "</body></html>\n";
    return html;
}

RenderOptions letterOptions()
{
    RenderOptions o;
    o.pageLabelFormat = "Sida {page} ({pages})";
    o.generatedAt = "2026-11-25T14:03:00+01:00";
    o.title = "Beslut om ersättning";
    o.author = "Testmyndigheten";
    o.subject = "Beslut";
    o.keywords = "beslut; test";
    o.language = "sv-SE";
    o.templateId = "beslut-ersattning";
    o.templateVersion = "1.0.0";
    o.inputSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    return o;
}

std::string runCommand(const std::string& command, int* exitCode)
{
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    if (exitCode)
        *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::string writeTemp(const std::string& bytes, const std::string& name)
{
    static const std::string dir = [] {
        char pattern[] = "/tmp/kansli-render-test-XXXXXX";
        const char* made = ::mkdtemp(pattern);
        return std::string(made ? made : "/tmp");
    }();
    const std::string path = dir + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

} // namespace kansli::render::test
