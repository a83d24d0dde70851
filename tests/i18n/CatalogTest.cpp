#define BOOST_TEST_MODULE i18n_tests
#include <boost/test/unit_test.hpp>

#include "i18n/Catalog.h"

#include "core/Error.h"

#include <string>
#include <vector>

using kansli::Date;
using kansli::Error;
using kansli::ErrorCode;
using kansli::i18n::Catalog;
using kansli::i18n::Catalogs;

namespace {

const std::string BUNDLE_DIR = std::string(KANSLI_BINARY_DIR) + "/locales";

const Catalogs& catalogs()
{
    static const Catalogs CATALOGS(BUNDLE_DIR);
    return CATALOGS;
}

} // namespace

BOOST_AUTO_TEST_CASE(swedish_and_english_carry_the_same_keys)
{
    const auto sv = catalogs().forLanguage("sv").keys();
    const auto en = catalogs().forLanguage("en").keys();
    BOOST_TEST(sv.size() > 100u);
    BOOST_TEST(sv == en, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_criterion_of_every_group_has_wording)
{
    const char* ids[] = {
        "socialpsykiatri.yrkesverksam-alder", "socialpsykiatri.specialistpsykiatri",
        "socialpsykiatri.mal-arbete-studier", "socialpsykiatri.stodbehov", "socialpsykiatri.inforstadd",
        "socialpsykiatri.kan-borja", "socialpsykiatri.af-ingen-atgard",
        "lss-insteg.yrkesverksam-alder", "lss-insteg.personkrets", "lss-insteg.onskan",
        "lss-insteg.forutsattningar", "lss-insteg.stodbehov",
        "lss-insats.yrkesverksam-alder", "lss-insats.personkrets", "lss-insats.stodbehov", "lss-insats.onskan",
        "lss-insats.inforstadd", "lss-insats.klara-arbete", "lss-insats.overgangsperiod",
        "lss-insats.af-ingen-atgard",
        "uvas.folkbokford", "uvas.alder", "uvas.saknar-arbete", "uvas.behov-coachning",
        "uvas.ingen-forsorjningsstod", "uvas.af-ingen-atgard",
        "kvinnor-30-64.folkbokford", "kvinnor-30-64.alder", "kvinnor-30-64.ingen-forsorjningsstod",
        "kvinnor-30-64.utbildning-svenska", "kvinnor-30-64.etablering", "kvinnor-30-64.behov-coachning",
        "kvinnor-30-64.af-ingen-atgard",
    };
    for (const std::string language : {"sv", "en"}) {
        for (const char* id : ids) {
            BOOST_TEST(catalogs().forLanguage(language).has(std::string("criterion.") + id),
                       language << " lacks criterion " << id);
            // The decision addresses the applicant: each criterion has its "du" wording too.
            BOOST_TEST(catalogs().forLanguage(language).has(std::string("letter.criterion.") + id),
                       language << " lacks the letter wording of criterion " << id);
        }
    }
    // Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022), word for word
    BOOST_TEST(catalogs().forLanguage("sv").message("criterion.uvas.saknar-arbete")
               == "Saknar arbete och studier eller har en mycket osäker anställningsform i liten omfattning");
}

BOOST_AUTO_TEST_CASE(dates_are_written_in_the_letters_language)
{
    const Date date(2026, 11, 25);
    BOOST_TEST(catalogs().forLanguage("sv").formatDate(date) == "25 november 2026");
    BOOST_TEST(catalogs().forLanguage("en").formatDate(date) == "25 November 2026");
    BOOST_TEST(catalogs().forLanguage("sv").formatDate(Date(2027, 1, 1)) == "1 januari 2027");
    BOOST_TEST(catalogs().forLanguage("sv").formatDate(Date(1969, 12, 31)) == "31 december 1969");
}

BOOST_AUTO_TEST_CASE(page_label_for_the_render_layer)
{
    BOOST_TEST(catalogs().forLanguage("sv").pageLabel(1, 3) == "Sida 1 (3)");
    BOOST_TEST(catalogs().forLanguage("en").pageLabel(2, 3) == "Page 2 of 3");
}

BOOST_AUTO_TEST_CASE(parameters_are_filled_by_name)
{
    const std::string text = catalogs().forLanguage("sv").message(
        "beslut.step1.decision", {{"statute", std::string("11 kap. 1 § socialtjänstlagen (2025:400)")}});
    BOOST_TEST(text.find("Enligt 11 kap. 1 § socialtjänstlagen (2025:400) avslår vi") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_key_or_argument_is_an_error_not_an_empty_string)
{
    const Catalog& sv = catalogs().forLanguage("sv");
    try {
        sv.message("no.such.key");
        BOOST_FAIL("expected an error");
    } catch (const Error& error) {
        BOOST_TEST(static_cast<int>(error.code()) == static_cast<int>(ErrorCode::Template));
        BOOST_TEST(error.publicMessage().find("no.such.key") != std::string::npos);
    }
    BOOST_CHECK_THROW(sv.message("beslut.step1.decision"), Error);
}

BOOST_AUTO_TEST_CASE(unknown_language_is_refused)
{
    BOOST_CHECK_THROW(catalogs().forLanguage("de"), Error);
    BOOST_CHECK_THROW(Catalog(BUNDLE_DIR, "fi"), Error);
    BOOST_CHECK_THROW(Catalog("/nonexistent", "sv"), Error);
}

// ---- reader languages: the summary that follows a Swedish decision (document/@readerLanguage)

namespace {

/// The keys the summary is written with (mode "summary" of xsl/beslut.xsl, avslut.xsl and
/// rattidsprovning.xsl; xsl/layout.xsl): the Swedish catalog's easy-to-read keys of the
/// decisions that have a summary, and the summary's own. Not the letter without one (kommunicering), nor the pointers of the
/// ending's and the dismissal's boxes to the letter's own appeal section (the summary says it).
std::vector<std::string> summaryKeys()
{
    std::vector<std::string> keys = {"format.date", "summary.heading", "summary.of", "summary.banner", "draft.banner",
                                     "court.stockholm", "catalog.approval"};
    for (const auto& key : catalogs().forLanguage("sv").keys()) {
        const bool notSummarised = key.rfind("easy.kommunicering", 0) == 0 || key == "easy.avvisning.appeal"
                                   || key == "easy.avslut.appeal";
        if (key.rfind("easy.", 0) == 0 && !notSummarised) {
            keys.push_back(key);
        }
    }
    return keys;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_reader_language_carries_every_key_of_the_summary_and_formats_it)
{
    const kansli::i18n::MessageArgs args = {{"date", std::string("1 dec")}, {"announced", std::string("1 dec")},
        {"dnr", std::string("X")}, {"court", std::string("C")}, {"unit", std::string("U")},
        {"phone", std::string("P")}, {"address", std::string("A")}};
    for (const std::string& language : Catalogs::readerLanguages()) {
        const Catalog& catalog = catalogs().forLanguage(language);
        for (const std::string& key : summaryKeys()) {
            BOOST_TEST(catalog.has(key), language << " lacks " << key);
            if (catalog.has(key)) {
                BOOST_CHECK_NO_THROW(catalog.message(key, args));
            }
        }
    }
    BOOST_TEST(summaryKeys().size() > 25u);
}

BOOST_AUTO_TEST_CASE(new_translations_start_unapproved_and_the_letter_languages_are_approved)
{
    for (const std::string& language : Catalogs::readerLanguages()) {
        BOOST_TEST(!catalogs().forLanguage(language).approved(), language);
    }
    BOOST_TEST(catalogs().forLanguage("sv").approved());
    BOOST_TEST(catalogs().forLanguage("en").approved());
    BOOST_TEST(catalogs().forLanguage("ar").rightToLeft());
    BOOST_TEST(catalogs().forLanguage("fa").rightToLeft());
    BOOST_TEST(!catalogs().forLanguage("so").rightToLeft());
    BOOST_TEST(!catalogs().forLanguage("ti").rightToLeft());
    BOOST_TEST(!Catalogs::isReaderLanguage("sv"));
    BOOST_TEST(Catalogs::isReaderLanguage("ti"));
}

BOOST_AUTO_TEST_CASE(a_reader_language_dates_in_its_own_words_on_the_gregorian_calendar)
{
    const Date date(2026, 11, 25);
    // Each row: the day, the month and the year of the Gregorian date, in the locale's digits.
    struct Row {
        const char* language;
        const char* day;
        const char* year;
    };
    for (const Row& row : {Row{"ar", "٢٥", "٢٠٢٦"}, Row{"fa", "۲۵", "۲۰۲۶"}, Row{"so", "25", "2026"}, Row{"ti", "25", "2026"}}) {
        const std::string text = catalogs().forLanguage(row.language).formatDate(date);
        BOOST_TEST(text.find(row.day) != std::string::npos, row.language << ": " << text);
        BOOST_TEST(text.find(row.year) != std::string::npos, row.language << ": " << text);
        // Not the Solar Hijri year (1405) that ICU gives Persian by default.
        BOOST_TEST(text.find("۱۴۰۵") == std::string::npos, row.language << ": " << text);
        BOOST_TEST(text.find("November") == std::string::npos, row.language << ": " << text);
    }
}
