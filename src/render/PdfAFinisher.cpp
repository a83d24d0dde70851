#include "render/PdfAFinisher.h"
#include "render/XmlText.h"

#include "core/Error.h"
#include "render/PdfDate.h"

#include <fstream>
#include <iterator>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

namespace kansli::render {

namespace {

const char* const ICC_LOCATIONS[] = {
    "/usr/share/color/icc/ghostscript/srgb.icc",
    "/usr/share/ghostscript/10.00.0/iccprofiles/srgb.icc",
};

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}


struct KansliProperty {
    const char* name;
    const char* description;
    std::string RenderOptions::*field;
};

const KansliProperty KANSLI_PROPERTIES[] = {
    {"templateId", "Identifier of the letter template", &RenderOptions::templateId},
    {"templateVersion", "Version of the letter template", &RenderOptions::templateVersion},
    {"inputSha256", "SHA-256 (hex) of the case file the letter was made from", &RenderOptions::inputSha256},
};

const char* const INFO_KEYS[] = {"/KansliTemplateId", "/KansliTemplateVersion", "/KansliInputSha256"};

} // namespace

PdfAFinisher::PdfAFinisher(const std::string& iccProfilePath)
{
    std::string tried;
    if (!iccProfilePath.empty()) {
        _icc = readFile(iccProfilePath);
        tried = iccProfilePath;
    } else {
        for (const char* path : ICC_LOCATIONS) {
            _icc = readFile(path);
            tried += std::string(tried.empty() ? "" : ", ") + path;
            if (!_icc.empty())
                break;
        }
    }
    if (_icc.empty())
        throw Error(ErrorCode::Config, "The sRGB colour profile for PDF/A is missing",
                    "no readable ICC profile at " + tried + " (install ghostscript's icc profiles)");
    // Header: bytes 16..19 are the colour space of the data.
    if (_icc.size() < 132 || _icc.compare(16, 4, "RGB ") != 0)
        throw Error(ErrorCode::Config, "The colour profile for PDF/A is not an RGB profile", tried);
}

std::string PdfAFinisher::xmpPacket(const RenderOptions& o)
{
    const std::string date = PdfDate::fromIso(o.generatedAt).toIso();
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\"\n"
         "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
         "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
         "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
         "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
         "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"\n"
         "    xmlns:kansli=\"";
    x += XMP_NAMESPACE;
    x += "\">\n";
    if (o.pdfa)
        x += "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n";
    x += "   <dc:format>application/pdf</dc:format>\n";
    if (!o.title.empty())
        x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escapeXml(o.title)
            + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!o.author.empty())
        x += "   <dc:creator><rdf:Seq><rdf:li>" + escapeXml(o.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!o.subject.empty())
        x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escapeXml(o.subject)
            + "</rdf:li></rdf:Alt></dc:description>\n";
    if (!o.language.empty())
        x += "   <dc:language><rdf:Bag><rdf:li>" + escapeXml(o.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!o.keywords.empty())
        x += "   <pdf:Keywords>" + escapeXml(o.keywords) + "</pdf:Keywords>\n";
    x += "   <pdf:Producer>" + escapeXml(o.producer) + "</pdf:Producer>\n";
    if (!o.creator.empty())
        x += "   <xmp:CreatorTool>" + escapeXml(o.creator) + "</xmp:CreatorTool>\n";
    x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
    for (const auto& p : KANSLI_PROPERTIES)
        if (!(o.*p.field).empty())
            x += std::string("   <kansli:") + p.name + ">" + escapeXml(o.*p.field) + "</kansli:" + p.name + ">\n";

    // PDF/A admits properties outside the predefined schemas only when they are described here.
    x += "   <pdfaExtension:schemas><rdf:Bag>\n"
         "    <rdf:li rdf:parseType=\"Resource\">\n"
         "     <pdfaSchema:schema>kansli document provenance</pdfaSchema:schema>\n"
         "     <pdfaSchema:namespaceURI>";
    x += XMP_NAMESPACE;
    x += "</pdfaSchema:namespaceURI>\n"
         "     <pdfaSchema:prefix>kansli</pdfaSchema:prefix>\n"
         "     <pdfaSchema:property><rdf:Seq>\n";
    for (const auto& p : KANSLI_PROPERTIES)
        x += std::string("      <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>") + p.name
            + "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
              "<pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>"
            + p.description + "</pdfaProperty:description></rdf:li>\n";
    x += "     </rdf:Seq></pdfaSchema:property>\n"
         "    </rdf:li>\n"
         "   </rdf:Bag></pdfaExtension:schemas>\n"
         "  </rdf:Description>\n"
         " </rdf:RDF>\n"
         "</x:xmpmeta>\n";
    // Room for in-place edits by other tools, as XMP recommends.
    for (int i = 0; i < 20; ++i)
        x += std::string(99, ' ') + "\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

void PdfAFinisher::finish(QPDF& pdf, const RenderOptions& o) const
{
    if (o.generatedAt.empty())
        throw Error(ErrorCode::Usage, "generatedAt is required to render a document");
    const std::string date = PdfDate::fromIso(o.generatedAt).toPdf();

    // A fresh Info dictionary: wkhtmltopdf's holds its own dates, an empty Title and Qt as Producer.
    auto info = QPDFObjectHandle::newDictionary();
    auto put = [&info](const char* key, const std::string& value) {
        if (!value.empty())
            info.replaceKey(key, QPDFObjectHandle::newUnicodeString(value));
    };
    put("/Title", o.title);
    put("/Author", o.author);
    put("/Subject", o.subject);
    put("/Keywords", o.keywords);
    put("/Creator", o.creator);
    put("/Producer", o.producer);
    put("/CreationDate", date);
    put("/ModDate", date);
    for (std::size_t i = 0; i < std::size(KANSLI_PROPERTIES); ++i)
        put(INFO_KEYS[i], o.*KANSLI_PROPERTIES[i].field);
    pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(info));

    auto root = pdf.getRoot();
    if (!o.language.empty())
        root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(o.language));
    if (!o.pdfa)
        return;

    removeForbidden(pdf);

    auto metadata = QPDFObjectHandle::newStream(&pdf, xmpPacket(o));
    metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
    metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
    root.replaceKey("/Metadata", metadata);

    auto profile = QPDFObjectHandle::newStream(&pdf, _icc);
    profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
    auto intent = QPDFObjectHandle::newDictionary();
    intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
    intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
    intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/RegistryName", QPDFObjectHandle::newString("http://www.color.org"));
    intent.replaceKey("/DestOutputProfile", profile);
    root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
    // No /MarkInfo: wkhtmltopdf writes no structure tree, and /Marked true would claim one.
}

void PdfAFinisher::removeForbidden(QPDF& pdf) const
{
    auto root = pdf.getRoot();
    // Document-level actions and scripts (wkhtmltopdf writes none, but nothing may slip through).
    root.removeKey("/AA");
    if (root.hasKey("/OpenAction")) {
        auto action = root.getKey("/OpenAction");
        if (action.isDictionary() && !action.getKey("/S").isNameAndEquals("/GoTo"))
            root.removeKey("/OpenAction");
    }
    if (auto names = root.getKey("/Names"); names.isDictionary())
        names.removeKey("/JavaScript");
    root.removeKey("/Perms"); // signatures' permission dictionaries can name UR3 scripts

    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        auto dict = page.getObjectHandle();
        dict.removeKey("/AA");
        // wkhtmltopdf gives every page an empty /Annots array.
        if (auto annots = dict.getKey("/Annots"); annots.isArray() && annots.getArrayNItems() == 0)
            dict.removeKey("/Annots");
    }

    for (auto& object : pdf.getAllObjects()) {
        auto dict = object.isStream() ? object.getDict() : object;
        if (!dict.isDictionary())
            continue;
        auto type = dict.getKey("/Type");
        auto subtype = dict.getKey("/Subtype");
        if (type.isNameAndEquals("/FontDescriptor")) {
            // PDF/A-2 only demands that a CIDSet, if present, list every glyph; Qt's subsets do
            // not promise that, and PDF/A-2 does not require the entry.
            dict.removeKey("/CIDSet");
        } else if (type.isNameAndEquals("/ExtGState")) {
            dict.removeKey("/TR");
            if (dict.hasKey("/TR2") && !dict.getKey("/TR2").isNameAndEquals("/Default"))
                dict.removeKey("/TR2");
        } else if (subtype.isNameAndEquals("/Image")) {
            dict.removeKey("/Interpolate");
            dict.removeKey("/Alternates");
            dict.removeKey("/OPI");
        } else if (type.isNameAndEquals("/Annot") || subtype.isNameAndEquals("/Link")) {
            // Annotations must print and be visible; actions must not run scripts.
            long long flags = dict.getKey("/F").isInteger() ? dict.getKey("/F").getIntValue() : 0;
            flags = (flags | 4) & ~static_cast<long long>(1 | 2 | 32);
            dict.replaceKey("/F", QPDFObjectHandle::newInteger(flags));
            dict.removeKey("/AA");
            if (auto action = dict.getKey("/A"); action.isDictionary()
                && !action.getKey("/S").isNameAndEquals("/URI") && !action.getKey("/S").isNameAndEquals("/GoTo"))
                dict.removeKey("/A");
        }
    }
}

std::string PdfAFinisher::write(QPDF& pdf, bool pdfa)
{
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.setObjectStreamMode(qpdf_o_disable);
    writer.setCompressStreams(true);
    if (pdfa)
        writer.setMinimumPDFVersion("1.7"); // PDF/A-2 is built on ISO 32000-1
    writer.write();
    auto buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

} // namespace kansli::render
