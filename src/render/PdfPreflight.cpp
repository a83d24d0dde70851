#include "render/PdfPreflight.h"

#include "render/Artifacts.h"
#include "render/PdfDate.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/Exception.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <map>
#include <optional>
#include <set>

namespace kansli::render {

namespace {

const std::string NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const std::string NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/";
const std::string NS_DC = "http://purl.org/dc/elements/1.1/";
const std::string NS_PDF = "http://ns.adobe.com/pdf/1.3/";
const std::string NS_XMP = "http://ns.adobe.com/xap/1.0/";
const std::string NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/";

using Problems = std::vector<std::string>;

/// Values of simple XMP properties in element or attribute form, and the first rdf:li of
/// array-valued ones; absent properties are missing from the map.
class XmpValues {
public:
    explicit XmpValues(const std::string& packet)
    {
        Poco::XML::DOMParser parser;
        _document = parser.parseString(packet);
    }

    std::optional<std::string> simple(const std::string& ns, const std::string& name) const
    {
        Poco::AutoPtr<Poco::XML::NodeList> elements = _document->getElementsByTagNameNS(ns, name);
        if (elements->length() > 0)
            return elements->item(0)->innerText();
        Poco::AutoPtr<Poco::XML::NodeList> descriptions =
            _document->getElementsByTagNameNS(NS_RDF, "Description");
        for (unsigned long i = 0; i < descriptions->length(); ++i) {
            auto* description = static_cast<Poco::XML::Element*>(descriptions->item(i));
            if (description->hasAttributeNS(ns, name))
                return description->getAttributeNS(ns, name);
        }
        return std::nullopt;
    }

    /// The rdf:li items of an array property.
    std::optional<std::vector<std::string>> items(const std::string& ns, const std::string& name) const
    {
        Poco::AutoPtr<Poco::XML::NodeList> elements = _document->getElementsByTagNameNS(ns, name);
        if (elements->length() == 0)
            return std::nullopt;
        auto* property = static_cast<Poco::XML::Element*>(elements->item(0));
        Poco::AutoPtr<Poco::XML::NodeList> lis = property->getElementsByTagNameNS(NS_RDF, "li");
        std::vector<std::string> result;
        for (unsigned long i = 0; i < lis->length(); ++i)
            result.push_back(lis->item(i)->innerText());
        return result;
    }

private:
    Poco::AutoPtr<Poco::XML::Document> _document;
};

void checkFonts(QPDF& pdf, Problems& problems)
{
    std::set<std::string> reported;
    auto isEmbedded = [](QPDFObjectHandle font) {
        auto descriptor = font.getKey("/FontDescriptor");
        return descriptor.isDictionary()
            && (descriptor.getKey("/FontFile").isStream() || descriptor.getKey("/FontFile2").isStream()
                || descriptor.getKey("/FontFile3").isStream());
    };
    for (auto& object : pdf.getAllObjects()) {
        if (!object.isDictionary() || !object.getKey("/Type").isNameAndEquals("/Font"))
            continue;
        auto subtype = object.getKey("/Subtype");
        if (subtype.isNameAndEquals("/Type3") || subtype.isNameAndEquals("/CIDFontType0")
            || subtype.isNameAndEquals("/CIDFontType2"))
            continue; // Type3 has glyphs inline; CID fonts are checked through their Type0 parent
        const std::string name = object.getKey("/BaseFont").isName() ? object.getKey("/BaseFont").getName() : "(unnamed)";
        bool embedded = false;
        if (subtype.isNameAndEquals("/Type0")) {
            auto descendants = object.getKey("/DescendantFonts");
            embedded = descendants.isArray() && descendants.getArrayNItems() == 1
                && isEmbedded(descendants.getArrayItem(0));
            if (!object.getKey("/ToUnicode").isStream() && reported.insert("tu" + name).second)
                problems.push_back("font " + name + " has no ToUnicode map (text cannot be extracted)");
        } else {
            embedded = isEmbedded(object);
        }
        if (!embedded && reported.insert(name).second)
            problems.push_back("font " + name + " is not embedded");
    }
}

void checkScripts(QPDF& pdf, Problems& problems)
{
    auto root = pdf.getRoot();
    if (root.hasKey("/AA"))
        problems.push_back("the catalog has additional actions (/AA)");
    if (auto names = root.getKey("/Names"); names.isDictionary() && names.hasKey("/JavaScript"))
        problems.push_back("the document has a JavaScript name tree");
    bool js = false, aa = false;
    for (auto& object : pdf.getAllObjects()) {
        auto dict = object.isStream() ? object.getDict() : object;
        if (!dict.isDictionary())
            continue;
        if (dict.hasKey("/JS") || dict.getKey("/S").isNameAndEquals("/JavaScript"))
            js = true;
        if (dict.hasKey("/AA"))
            aa = true;
    }
    if (js)
        problems.push_back("the document contains JavaScript actions");
    if (aa)
        problems.push_back("the document contains additional actions (/AA)");
}

void checkOutputIntent(QPDF& pdf, Problems& problems)
{
    auto intents = pdf.getRoot().getKey("/OutputIntents");
    if (intents.isArray()) {
        for (auto& intent : intents.aitems()) {
            if (!intent.isDictionary() || !intent.getKey("/S").isNameAndEquals("/GTS_PDFA1"))
                continue;
            auto profile = intent.getKey("/DestOutputProfile");
            if (profile.isStream() && profile.getDict().getKey("/N").isInteger()
                && profile.getStreamData(qpdf_dl_generalized)->getSize() >= 128)
                return;
            problems.push_back("the PDF/A OutputIntent has no embedded ICC profile");
            return;
        }
    }
    problems.push_back("no PDF/A OutputIntent (/GTS_PDFA1)");
}

class TextCounter : public QPDFObjectHandle::ParserCallbacks {
public:
    void handleObject(QPDFObjectHandle object, size_t, size_t) override
    {
        if (object.isOperator()) {
            const auto op = object.getOperatorValue();
            if (op == "Tj" || op == "TJ" || op == "'" || op == "\"")
                ++count;
        }
    }
    void handleEOF() override {}
    long count = 0;
};

void checkTextLayer(QPDF& pdf, Problems& problems)
{
    TextCounter counter;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages())
        page.parseContents(&counter);
    if (counter.count == 0)
        problems.push_back("no text layer: the pages show no text (outlined fonts?)");
}

std::string infoValue(QPDF& pdf, const char* key)
{
    auto info = pdf.getTrailer().getKey("/Info");
    if (!info.isDictionary() || !info.getKey(key).isString())
        return {};
    return info.getKey(key).getUTF8Value();
}

void checkMetadata(QPDF& pdf, Problems& problems)
{
    auto metadata = pdf.getRoot().getKey("/Metadata");
    if (!metadata.isStream()) {
        problems.push_back("no XMP metadata stream on the catalog");
        return;
    }
    if (metadata.getDict().hasKey("/Filter"))
        problems.push_back("the XMP metadata stream is compressed");
    auto data = metadata.getStreamData(qpdf_dl_generalized);
    const std::string packet(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    std::optional<XmpValues> xmp;
    try {
        xmp.emplace(packet);
    } catch (const Poco::Exception& e) {
        problems.push_back("the XMP metadata does not parse: " + e.displayText());
        return;
    }
    const auto part = xmp->simple(NS_PDFAID, "part");
    const auto conformance = xmp->simple(NS_PDFAID, "conformance");
    if (!part || *part != "2")
        problems.push_back("XMP pdfaid:part is not 2");
    if (!conformance || (*conformance != "B" && *conformance != "U" && *conformance != "A"))
        problems.push_back("XMP pdfaid:conformance is missing or not A, B or U");

    auto agree = [&](const char* key, const std::optional<std::string>& xmpValue, const char* property) {
        const std::string info = infoValue(pdf, key);
        if (info.empty() && !xmpValue)
            return;
        if (!xmpValue || info != *xmpValue)
            problems.push_back(std::string("Info ") + key + " and XMP " + property + " disagree");
    };
    auto first = [](const std::optional<std::vector<std::string>>& values) -> std::optional<std::string> {
        if (!values || values->empty())
            return std::nullopt;
        return values->front();
    };
    agree("/Title", first(xmp->items(NS_DC, "title")), "dc:title");
    const auto creators = xmp->items(NS_DC, "creator");
    if (creators && creators->size() > 1)
        problems.push_back("XMP dc:creator has more than one entry");
    agree("/Author", first(creators), "dc:creator");
    agree("/Producer", xmp->simple(NS_PDF, "Producer"), "pdf:Producer");

    auto agreeDate = [&](const char* key, const char* property) {
        const std::string info = infoValue(pdf, key);
        const auto xmpValue = xmp->simple(NS_XMP, property);
        if (info.empty() && !xmpValue)
            return;
        try {
            if (info.empty() || !xmpValue
                || PdfDate::fromPdf(info).toIso() != PdfDate::fromIso(*xmpValue).toIso())
                problems.push_back(std::string("Info ") + key + " and XMP xmp:" + property + " disagree");
        } catch (const std::exception&) {
            problems.push_back(std::string("Info ") + key + " or XMP xmp:" + property + " is not a valid date");
        }
    };
    agreeDate("/CreationDate", "CreateDate");
    agreeDate("/ModDate", "ModifyDate");
}

} // namespace

namespace {

/// The structure tree in reading order, as far as the checks need it.
struct StructureWalk {
    QPDFObjectHandle roles;
    std::set<QPDFObjGen> seen;
    std::set<std::string> nonStandard;   // types that do not map to a standard type
    std::set<std::string> remapped;      // standard types given another meaning
    std::vector<int> headings;           // H1..H6 levels in reading order
    int figuresWithoutAlternative = 0;
    int headersWithoutScope = 0;
    bool headersAttributeUsed = false;

    std::string standardOf(std::string type)
    {
        for (int hops = 0; hops < 16 && !isStandardStructureType(type); ++hops) {
            auto next = roles.isDictionary() ? roles.getKey(type) : QPDFObjectHandle::newNull();
            if (!next.isName())
                return {};
            type = next.getName();
        }
        return isStandardStructureType(type) ? type : std::string();
    }

    static bool hasScope(QPDFObjectHandle attributes)
    {
        if (attributes.isDictionary())
            return attributes.getKey("/Scope").isName();
        if (attributes.isArray())
            for (auto& a : attributes.aitems())
                if (hasScope(a))
                    return true;
        return false;
    }

    void visit(QPDFObjectHandle element)
    {
        if (element.isIndirect() && !seen.insert(element.getObjGen()).second)
            return;
        if (element.isArray()) {
            for (auto& child : element.aitems())
                visit(child);
            return;
        }
        if (!element.isDictionary() || !element.getKey("/S").isName()) {
            return; // an MCID, a marked-content or object reference
        }
        const std::string type = element.getKey("/S").getName();
        if (isStandardStructureType(type) && roles.isDictionary() && roles.hasKey(type))
            remapped.insert(type);
        const std::string standard = standardOf(type);
        if (standard.empty())
            nonStandard.insert(type);
        if (standard.size() == 3 && standard[1] == 'H' && standard[2] >= '1' && standard[2] <= '6')
            headings.push_back(standard[2] - '0');
        if (standard == "/Figure" && !element.getKey("/Alt").isString() && !element.getKey("/ActualText").isString())
            ++figuresWithoutAlternative;
        if (standard == "/TH" && !hasScope(element.getKey("/A")))
            ++headersWithoutScope;
        if (standard == "/TD" && hasHeaders(element.getKey("/A")))
            headersAttributeUsed = true;
        visit(element.getKey("/K"));
    }

    static bool hasHeaders(QPDFObjectHandle attributes)
    {
        if (attributes.isDictionary())
            return attributes.getKey("/Headers").isArray() && attributes.getKey("/Headers").getArrayNItems() > 0;
        if (attributes.isArray())
            for (auto& a : attributes.aitems())
                if (hasHeaders(a))
                    return true;
        return false;
    }
};

void checkTagged(QPDF& pdf, Problems& problems)
{
    auto root = pdf.getRoot();
    auto mark = root.getKey("/MarkInfo");
    if (!mark.isDictionary() || !mark.getKey("/Marked").isBool() || !mark.getKey("/Marked").getBoolValue())
        problems.push_back("ISO 14289-1 7.1: /MarkInfo /Marked is not true (the file does not say it is tagged)");
    if (mark.isDictionary() && mark.getKey("/Suspects").isBool() && mark.getKey("/Suspects").getBoolValue())
        problems.push_back("Matterhorn 01-007: /MarkInfo /Suspects is true");
    auto tree = root.getKey("/StructTreeRoot");
    if (!tree.isDictionary()) {
        problems.push_back("ISO 14289-1 7.1: no structure tree (/StructTreeRoot)");
        return;
    }
    if (const int untagged = countUntaggedContent(pdf); untagged > 0)
        problems.push_back("Matterhorn 01-005: " + std::to_string(untagged)
                           + " painting operations are neither tagged nor marked as artifacts");

    StructureWalk walk;
    walk.roles = tree.getKey("/RoleMap");
    walk.visit(tree.getKey("/K"));
    for (const auto& type : walk.nonStandard)
        problems.push_back("Matterhorn 02-001: structure type " + type + " does not map to a standard type");
    for (const auto& type : walk.remapped)
        problems.push_back("Matterhorn 02-004: standard structure type " + type + " is remapped");
    if (!walk.headings.empty() && walk.headings.front() != 1)
        problems.push_back("Matterhorn 14-002: the first heading is H" + std::to_string(walk.headings.front())
                           + ", not H1");
    for (std::size_t i = 1; i < walk.headings.size(); ++i)
        if (walk.headings[i] > walk.headings[i - 1] + 1) {
            problems.push_back("Matterhorn 14-003: heading " + std::to_string(i + 1) + " (H"
                               + std::to_string(walk.headings[i]) + ") skips a level after H"
                               + std::to_string(walk.headings[i - 1]));
            break;
        }
    if (walk.figuresWithoutAlternative > 0)
        problems.push_back("Matterhorn 13-004: " + std::to_string(walk.figuresWithoutAlternative)
                           + " figures have no alternative text");
    if (walk.headersWithoutScope > 0 && !walk.headersAttributeUsed)
        problems.push_back("Matterhorn 15-003: " + std::to_string(walk.headersWithoutScope)
                           + " table header cells have no Scope (and no cell names its headers)");
}

void checkAccessibleMetadata(QPDF& pdf, Problems& problems)
{
    auto root = pdf.getRoot();
    auto metadata = root.getKey("/Metadata");
    if (!metadata.isStream()) {
        problems.push_back("Matterhorn 06-001: no XMP metadata stream");
    } else {
        auto data = metadata.getStreamData(qpdf_dl_generalized);
        try {
            XmpValues xmp(std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()));
            const auto part = xmp.simple(NS_PDFUAID, "part");
            if (!part || *part != "1")
                problems.push_back("Matterhorn 06-002: the XMP metadata has no PDF/UA identifier (pdfuaid:part 1)");
            const auto title = xmp.items(NS_DC, "title");
            if (!title || title->empty() || title->front().empty())
                problems.push_back("Matterhorn 06-003: the XMP metadata has no dc:title");
        } catch (const Poco::Exception&) {
            problems.push_back("Matterhorn 06-001: the XMP metadata does not parse");
        }
    }
    auto preferences = root.getKey("/ViewerPreferences");
    auto display = preferences.isDictionary() ? preferences.getKey("/DisplayDocTitle") : QPDFObjectHandle::newNull();
    if (!display.isBool())
        problems.push_back("Matterhorn 07-001: the viewer preferences have no DisplayDocTitle");
    else if (!display.getBoolValue())
        problems.push_back("Matterhorn 07-002: DisplayDocTitle is false");
    auto language = root.getKey("/Lang");
    if (!language.isString() || language.getUTF8Value().empty())
        problems.push_back("Matterhorn 11-006: the document's natural language (/Lang) is not given");
}

} // namespace

std::vector<std::string> PdfPreflight::checkAccessible(const std::string& pdfBytes)
{
    Problems problems;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("preflight", pdfBytes.data(), pdfBytes.size());
        checkAccessibleMetadata(pdf, problems);
        checkTagged(pdf, problems);
        // ISO 14289-1 7.21.4.1 (embedded) and 7.21.7 (Unicode): the PDF/A font check covers both.
        checkFonts(pdf, problems);
        checkScripts(pdf, problems);
    } catch (const std::exception& e) {
        problems.push_back(std::string("the file could not be read as PDF: ") + e.what());
    }
    return problems;
}

std::vector<std::string> PdfPreflight::check(const std::string& pdfBytes)
{
    Problems problems;
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("preflight", pdfBytes.data(), pdfBytes.size());
        if (pdf.isEncrypted() || pdf.getTrailer().hasKey("/Encrypt"))
            problems.push_back("the document is encrypted");
        if (!pdf.getTrailer().getKey("/ID").isArray())
            problems.push_back("the trailer has no /ID");
        checkMetadata(pdf, problems);
        checkOutputIntent(pdf, problems);
        checkFonts(pdf, problems);
        checkScripts(pdf, problems);
        checkTextLayer(pdf, problems);
        if (!pdf.getWarnings().empty())
            problems.push_back("qpdf reported structural warnings while reading the file");
    } catch (const std::exception& e) {
        problems.push_back(std::string("the file could not be read as PDF: ") + e.what());
    }
    return problems;
}

} // namespace kansli::render
