#include "render/PdfPreflight.h"

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
