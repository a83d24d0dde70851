#define BOOST_TEST_DYN_LINK
// A summary in the reader's language after the Swedish decision (document/@readerLanguage, FL 13 §):
// refused for real letters while the legal department has not approved the translation, made as
// a marked draft, refused after letters that are not decisions on the insats; once approved, a
// real letter, right-to-left ones from the second engine; the summary's dates are the decision's.

#include "Run.h"
#include "render/PdfPreflight.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <regex>
#include <set>

#include <boost/test/unit_test.hpp>

using namespace kansli::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string KANSLI = KANSLI_BINARY;

struct TempDir {
    std::string path = makeTempDir("kansli-reader");
    ~TempDir() { Poco::File(path).remove(true); }
};

struct Example {
    const char* language;
    const char* file;
    const char* engine; // the engine that makes it
};
const Example EXAMPLES[] = {{"ar", "beslut-uvas-ar", "chromium"}, {"fa", "beslut-socialpsykiatri-fa", "chromium"},
                            {"so", "beslut-kvinnor-30-64-so", "wkhtmltopdf"}, {"ti", "beslut-lss-insats-avslag-ti", "wkhtmltopdf"}};

std::string withoutDraft(std::string xml)
{
    return std::regex_replace(xml, std::regex(R"( draft="true")"), "");
}

/// The locales with every reader catalog marked approved, compiled into `dir` as genrb does.
void compileApprovedCatalogs(const std::string& dir)
{
    Poco::File(dir + "/src").createDirectories();
    for (Poco::DirectoryIterator it(SOURCE + "/locales"), end; it != end; ++it) {
        std::string text = readFile(it.path().toString());
        text = std::regex_replace(text, std::regex(R"("catalog.approval" \{ "draft" \})"),
                                  R"("catalog.approval" { "approved" })");
        writeFile(dir + "/src/" + it.name(), text);
        BOOST_REQUIRE(run("/usr/bin/genrb", {"--quiet", "-e", "UTF-8", "-d", dir, dir + "/src/" + it.name()}).exitCode == 0);
    }
}

/// (day, year) of every "d <month> yyyy" date in `text` (any script's month name, of one or more
/// words: Somali writes December "Bisha Laba iyo Tobnaad").
std::set<std::string> dayYears(const std::string& text)
{
    std::set<std::string> out;
    const std::regex date(R"((\d{1,2}) [^\d\n.,]{2,40} (20\d\d))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), date); it != std::sregex_iterator(); ++it) {
        out.insert((*it)[1].str() + "/" + (*it)[2].str());
    }
    return out;
}

/// `xml` (a case file) as a draft with a summary in `language` (document/@readerLanguage).
std::string withReaderLanguage(const std::string& xml, const std::string& language)
{
    const auto at = xml.find("<document ");
    BOOST_REQUIRE(at != std::string::npos);
    return xml.substr(0, at + 10) + "readerLanguage=\"" + language + "\" draft=\"true\" " + xml.substr(at + 10);
}

/// `text` with its lines joined: a date may wrap at the end of a line ("28 Bisha Labaad" / "2027").
std::string joinedLines(std::string text)
{
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

/// The message `key` of the catalog locales/<language>.txt as written there (no arguments).
std::string catalogMessage(const std::string& language, const std::string& key)
{
    const std::string catalog = readFile(SOURCE + "/locales/" + language + ".txt");
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(catalog, m, std::regex("\"" + key + "\" \\{ \"([^\"]+)\" \\}")));
    return m[1].str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(ReaderLanguageTest)

BOOST_AUTO_TEST_CASE(an_unapproved_translation_is_refused_for_a_real_letter_and_made_only_as_a_draft)
{
    TempDir dir;
    for (const Example& example : EXAMPLES) {
        BOOST_TEST_CONTEXT("reader language " << example.language)
        {
            const std::string xml = readFile(SOURCE + "/examples/" + example.file + ".xml");
            writeFile(dir.path + "/real.xml", withoutDraft(xml));
            const RunResult refused = run(KANSLI, {"render", dir.path + "/real.xml", "-o", dir.path + "/real.pdf"});
            BOOST_TEST(refused.exitCode == 65);
            BOOST_TEST(refused.err.find("document.reader-language.not-approved") != std::string::npos, refused.err);
            BOOST_TEST(refused.err.find("/case/document/@readerLanguage") != std::string::npos, refused.err);
            BOOST_TEST(refused.err.find("real.xml:4:") != std::string::npos, refused.err); // the line of <document>
            BOOST_TEST(!Poco::File(dir.path + "/real.pdf").exists());

            // The draft: UTKAST in the letter's banner and on every page's label.
            const std::string draft = dir.path + "/" + example.file + ".pdf";
            BOOST_TEST_REQUIRE(run(KANSLI, {"render", SOURCE + "/examples/" + example.file + ".xml", "-o", draft}).exitCode == 0);
            const RunResult info = run("/usr/bin/pdfinfo", {draft});
            const int pages = std::stoi(info.out.substr(info.out.find("Pages:") + 6));
            for (int page = 1; page <= pages; ++page) {
                const RunResult text = run("/usr/bin/pdftotext", {"-f", std::to_string(page), "-l", std::to_string(page), draft, "-"});
                BOOST_TEST(text.out.find("UTKAST") != std::string::npos, "no UTKAST on page " << page);
            }
            if (std::string(example.engine) == "chromium") { // right to left: tagged, and checked as such
                for (const auto& problem : kansli::render::PdfPreflight::checkAccessible(readFile(draft))) {
                    BOOST_ERROR(problem);
                }
                // The summary's language is on its blocks in the structure tree (pdfinfo does not
                // show /Lang; the uncompressed file does).
                const RunResult objects = run("/usr/bin/qpdf", {"--qdf", "--object-streams=disable", draft, "-"});
                const std::string lang = std::string("/Lang (") + example.language + ")";
                BOOST_TEST((objects.out.find(lang) != std::string::npos), "no " << lang << " in the tree");
            }
            const RunResult verified = run(KANSLI, {"audit", "verify", draft});
            BOOST_TEST(verified.out.find(std::string("engine        ") + example.engine) != std::string::npos, verified.out);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_summary_follows_only_a_decision_to_the_applicant)
{
    TempDir dir;
    // rattidsprovning-i-tid lets the appeal through: its letter goes to the court.
    for (const char* example : {"utredning-uvas", "kommunicering-lss-insats", "rattidsprovning-i-tid", "jobbplan-uvas"}) {
        BOOST_TEST_CONTEXT("example " << example)
        {
            writeFile(dir.path + "/case.xml", withReaderLanguage(readFile(SOURCE + "/examples/" + example + ".xml"), "so"));
            const RunResult r = run(KANSLI, {"render", dir.path + "/case.xml", "-o", dir.path + "/out.pdf"});
            BOOST_TEST(r.exitCode == 65);
            BOOST_TEST(r.err.find("document.reader-language.unsupported") != std::string::npos, r.err);
        }
    }
    // Findings never quote the value: the language is named in words.
    const RunResult sv = run(KANSLI, {"validate", dir.path + "/case.xml", "--lang", "sv"});
    BOOST_TEST(sv.err.find("läsarens språk") != std::string::npos, sv.err);
}

BOOST_AUTO_TEST_CASE(the_decision_to_end_an_insats_is_summarised_with_the_last_day_to_ask_the_court)
{
    // avslut-uvas ends the insats against the applicant (criteria-not-met): the summary says so and
    // how to ask the court to review it, with the last day three weeks from the protocol's notice
    // (19 February 2027 -> 12 March 2027), and ends on the letter's end date (28 February 2027).
    TempDir dir;
    const std::string example = readFile(SOURCE + "/examples/avslut-uvas.xml");
    for (const Example& reader : EXAMPLES) {
        for (const bool adverse : {true, false}) {
            BOOST_TEST_CONTEXT("reader language " << reader.language << (adverse ? ", against the applicant" : ", asked for"))
            {
                std::string xml = withReaderLanguage(example, reader.language);
                if (!adverse) {
                    xml = std::regex_replace(xml, std::regex(R"( reason="criteria-not-met" revocationGround="[a-z-]+")"),
                                             R"( reason="applicant-request")");
                }
                writeFile(dir.path + "/case.xml", xml);
                const std::string pdf = dir.path + "/avslut-" + reader.language + ".pdf";
                const RunResult r = run(KANSLI, {"render", dir.path + "/case.xml", "-o", pdf});
                BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
                const std::string text = run("/usr/bin/pdftotext", {pdf, "-"}).out;
                std::smatch dnr;
                BOOST_TEST_REQUIRE(std::regex_search(xml, dnr, std::regex("<diarienummer>([^<]+)</diarienummer>")));
                const auto last = text.rfind(dnr[1].str());
                BOOST_TEST_REQUIRE(last != std::string::npos);
                const std::string summary = joinedLines(text.substr(text.rfind('\n', last)));
                const std::string appealHeading = catalogMessage(reader.language, "easy.appeal.heading");
                if (std::string(reader.engine) == "chromium") { // right to left: tagged, checked as such
                    for (const auto& problem : kansli::render::PdfPreflight::checkAccessible(readFile(pdf))) {
                        BOOST_ERROR(problem);
                    }
                    continue; // poppler gives the words back out of order (docs/accessibility.md)
                }
                const auto dates = dayYears(summary);
                BOOST_TEST(dates.count("28/2027") == 1u, "the end date is not in the summary");
                BOOST_TEST(dates.count("12/2027") == (adverse ? 1u : 0u), "the last day to ask the court");
                BOOST_TEST((summary.find(appealHeading) != std::string::npos) == adverse, "how to ask the court");
                const auto swedish = dayYears(joinedLines(text.substr(0, text.rfind('\n', last))));
                for (const auto& date : dates) {
                    BOOST_TEST(swedish.count(date) == 1u, date << " is not a date of the decision");
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_dismissal_of_a_late_appeal_is_summarised_with_how_to_appeal_it)
{
    // rattidsprovning-for-sent dismisses an appeal that came in three days late: the summary says
    // when it should have come in and how to appeal the dismissal (to us, within three weeks).
    TempDir dir;
    const std::string example = readFile(SOURCE + "/examples/rattidsprovning-for-sent.xml");
    for (const Example& reader : EXAMPLES) {
        BOOST_TEST_CONTEXT("reader language " << reader.language)
        {
            writeFile(dir.path + "/case.xml", withReaderLanguage(example, reader.language));
            const std::string pdf = dir.path + "/avvisning-" + reader.language + ".pdf";
            const RunResult r = run(KANSLI, {"render", dir.path + "/case.xml", "-o", pdf});
            BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
            const std::string text = run("/usr/bin/pdftotext", {pdf, "-"}).out;
            const auto banner = text.rfind(catalogMessage(reader.language, "draft.banner").substr(0, 12));
            if (std::string(reader.engine) == "chromium") { // right to left: tagged, checked as such
                for (const auto& problem : kansli::render::PdfPreflight::checkAccessible(readFile(pdf))) {
                    BOOST_ERROR(problem);
                }
                continue; // poppler gives the words back out of order (docs/accessibility.md)
            }
            BOOST_TEST_REQUIRE(banner != std::string::npos, "no summary");
            const std::string summary = joinedLines(text.substr(banner));
            for (const char* key : {"easy.avvisning.court", "easy.avvisning.appeal.what", "easy.appeal1.how"}) {
                std::string expected = catalogMessage(reader.language, key);
                BOOST_TEST((summary.find(expected.substr(0, 20)) != std::string::npos), key << " is not in the summary");
            }
            // The last day the appeal could have come in (the decision received 23 November 2026,
            // three weeks: 14 December 2026).
            BOOST_TEST(dayYears(summary).count("14/2026") == 1u, "the last day is not in the summary");
        }
    }
}

BOOST_AUTO_TEST_CASE(an_approved_translation_makes_a_real_letter_with_the_decisions_dates)
{
    TempDir dir;
    compileApprovedCatalogs(dir.path + "/locales");
    for (const Example& example : EXAMPLES) {
        BOOST_TEST_CONTEXT("reader language " << example.language)
        {
            writeFile(dir.path + "/real.xml", withoutDraft(readFile(SOURCE + "/examples/" + example.file + ".xml")));
            const std::string pdf = dir.path + "/real-" + example.language + ".pdf";
            const RunResult r = run(KANSLI, {"render", dir.path + "/real.xml", "-o", pdf}, {},
                                    {{"KANSLI_LOCALES", dir.path + "/locales"}});
            BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
            const std::string text = run("/usr/bin/pdftotext", {pdf, "-"}).out;
            BOOST_TEST(text.find("UTKAST") == std::string::npos);
            // The summary opens with the decision's date and diarienummer (its last mention in the
            // letter); its dates are dates of the decision (its own date, the period, the last
            // days to appeal).
            const std::string xml = readFile(dir.path + "/real.xml");
            std::smatch dnr;
            BOOST_TEST_REQUIRE(std::regex_search(xml, dnr, std::regex("<diarienummer>([^<]+)</diarienummer>")));
            const auto at = text.rfind(dnr[1].str());
            BOOST_TEST_REQUIRE(at != std::string::npos);
            const auto summaryStart = text.rfind('\n', at);
            const auto swedish = dayYears(text.substr(0, text.find("\f", text.find("Kontaktuppgifter"))));
            const auto summary = dayYears(text.substr(summaryStart));
            if (std::string(example.language) == "so" || std::string(example.language) == "ti") {
                BOOST_TEST(!summary.empty()); // Latin digits: the dates can be read back
            }
            for (const auto& date : summary) {
                BOOST_TEST(swedish.count(date) == 1u, date << " is not a date of the decision");
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
