#include "render/PdfAFinisher.h"
#include "render/Artifacts.h"
#include "render/XmlText.h"

#include "core/Error.h"
#include "render/PdfDate.h"

#include <fstream>
#include <iterator>
#include <cstdio>
#include <map>
#include <set>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
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
    // Compressed once here rather than by the writer for every letter (a new zlib stream each time).
    Pl_Buffer buffer("icc");
    Pl_Flate flate("icc-flate", &buffer, Pl_Flate::a_deflate);
    flate.writeString(_icc);
    flate.finish();
    const auto compressed = buffer.getBufferSharedPointer();
    _iccFlate.assign(reinterpret_cast<const char*>(compressed->getBuffer()), compressed->getSize());
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
    x += "\"";
    if (o.accessible)
        x += "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    x += ">\n";
    // A tagged letter claims level U (every glyph maps to Unicode), which its fonts' ToUnicode
    // maps give and the preflight checks; level B otherwise.
    if (o.pdfa)
        x += std::string("   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>") + (o.accessible ? "U" : "B")
            + "</pdfaid:conformance>\n";
    if (o.accessible)
        x += "   <pdfuaid:part>1</pdfuaid:part>\n";
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
         "    </rdf:li>\n";
    if (o.accessible)
        // pdfuaid is not one of PDF/A-2's predefined schemas (ISO 14289-1 5, ISO 19005-2 6.6.2.3).
        x += "    <rdf:li rdf:parseType=\"Resource\">\n"
             "     <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>\n"
             "     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
             "     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
             "     <pdfaSchema:property><rdf:Seq>\n"
             "      <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>part</pdfaProperty:name>"
             "<pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>"
             "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description></rdf:li>\n"
             "     </rdf:Seq></pdfaSchema:property>\n"
             "    </rdf:li>\n";
    x += "   </rdf:Bag></pdfaExtension:schemas>\n"
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
    if (o.accessible)
        finishTagged(pdf);
    if (!o.pdfa && !o.accessible)
        return;
    if (o.pdfa)
        removeForbidden(pdf);

    auto metadata = QPDFObjectHandle::newStream(&pdf, xmpPacket(o));
    metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
    metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
    root.replaceKey("/Metadata", metadata);
    if (!o.pdfa)
        return;

    auto profile = QPDFObjectHandle::newStream(&pdf);
    profile.replaceStreamData(_iccFlate, QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
    profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
    auto intent = QPDFObjectHandle::newDictionary();
    intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
    intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
    intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/RegistryName", QPDFObjectHandle::newString("http://www.color.org"));
    intent.replaceKey("/DestOutputProfile", profile);
    root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
    // No /MarkInfo for an untagged letter (finishTagged writes it for a tagged one): /Marked
    // true would claim a structure tree wkhtmltopdf does not write.
}

namespace {

// Types Chromium writes from PDF 2.0 (ISO 32000-2 14.8.4) and what they are in PDF 1.7.
const std::map<std::string, std::string> PDF2_TYPES = {{"/Strong", "/Span"}, {"/Em", "/Span"},
    {"/Aside", "/Note"}, {"/Title", "/H1"}, {"/FENote", "/Note"}, {"/Sub", "/Span"}, {"/DocumentFragment", "/Part"},
    {"/Artifact", "/NonStruct"}};

void collectTypes(QPDFObjectHandle element, std::set<std::string>& types, std::set<QPDFObjGen>& seen)
{
    if (element.isIndirect() && !seen.insert(element.getObjGen()).second)
        return;
    if (element.isArray()) {
        for (auto& child : element.aitems())
            collectTypes(child, types, seen);
        return;
    }
    if (!element.isDictionary())
        return;
    if (auto type = element.getKey("/S"); type.isName())
        types.insert(type.getName());
    collectTypes(element.getKey("/K"), types, seen);
}

/// Chromium names structure elements by DOM node numbers that keep counting across the documents
/// one browser prints, so the same letter would differ byte for byte. The names are given anew in
/// reading order ("e000001", ...) wherever they are used: the element's /ID, the cells' /Headers
/// and the ID tree (rebuilt as one sorted /Names array).
class ElementNames {
public:
    void rename(QPDFObjectHandle tree)
    {
        std::set<QPDFObjGen> seen;
        collect(tree.getKey("/K"), seen);
        if (_names.empty())
            return;
        for (auto& element : _elements)
            element.replaceKey("/ID", QPDFObjectHandle::newString(_names.at(element.getKey("/ID").getStringValue())));
        for (auto& element : _all)
            renameHeaders(element.getKey("/A"));
        auto names = QPDFObjectHandle::newArray();
        for (auto& [name, element] : _byNewName) {
            names.appendItem(QPDFObjectHandle::newString(name));
            names.appendItem(element);
        }
        auto idTree = QPDFObjectHandle::newDictionary();
        idTree.replaceKey("/Names", names);
        tree.replaceKey("/IDTree", idTree);
    }

private:
    void collect(QPDFObjectHandle element, std::set<QPDFObjGen>& seen)
    {
        if (element.isIndirect() && !seen.insert(element.getObjGen()).second)
            return;
        if (element.isArray()) {
            for (auto& child : element.aitems())
                collect(child, seen);
            return;
        }
        if (!element.isDictionary())
            return;
        _all.push_back(element);
        if (auto id = element.getKey("/ID"); id.isString() && element.isIndirect()
            && _names.count(id.getStringValue()) == 0) {
            char name[16];
            std::snprintf(name, sizeof name, "e%06zu", _names.size() + 1);
            _names.emplace(id.getStringValue(), name);
            _elements.push_back(element);
            _byNewName.emplace(name, element);
        }
        collect(element.getKey("/K"), seen);
    }

    void renameHeaders(QPDFObjectHandle attributes)
    {
        if (attributes.isArray()) {
            for (auto& a : attributes.aitems())
                renameHeaders(a);
            return;
        }
        if (!attributes.isDictionary() || !attributes.getKey("/Headers").isArray())
            return;
        auto renamed = QPDFObjectHandle::newArray();
        for (auto& header : attributes.getKey("/Headers").aitems()) {
            const auto name = header.isString() ? _names.find(header.getStringValue()) : _names.end();
            renamed.appendItem(name != _names.end() ? QPDFObjectHandle::newString(name->second) : header);
        }
        attributes.replaceKey("/Headers", renamed);
    }

    std::map<std::string, std::string> _names; // Chromium's name -> ours
    std::vector<QPDFObjectHandle> _elements; // those with an /ID
    std::vector<QPDFObjectHandle> _all;
    std::map<std::string, QPDFObjectHandle> _byNewName;
};

} // namespace

void PdfAFinisher::finishTagged(QPDF& pdf)
{
    auto root = pdf.getRoot();
    auto preferences = root.getKey("/ViewerPreferences");
    if (!preferences.isDictionary()) {
        preferences = QPDFObjectHandle::newDictionary();
        root.replaceKey("/ViewerPreferences", preferences);
    }
    preferences.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
    auto mark = QPDFObjectHandle::newDictionary();
    mark.replaceKey("/Marked", QPDFObjectHandle::newBool(true));
    root.replaceKey("/MarkInfo", mark);

    auto tree = root.getKey("/StructTreeRoot");
    if (!tree.isDictionary())
        return; // the preflight reports the missing tree
    ElementNames().rename(tree);
    std::set<std::string> types;
    std::set<QPDFObjGen> seen;
    collectTypes(tree.getKey("/K"), types, seen);
    auto roles = tree.getKey("/RoleMap");
    if (!roles.isDictionary()) {
        roles = QPDFObjectHandle::newDictionary();
        tree.replaceKey("/RoleMap", roles);
    }
    for (const auto& type : types) {
        if (isStandardStructureType(type) || roles.hasKey(type))
            continue;
        const auto known = PDF2_TYPES.find(type);
        // An unknown type is kept as a span: it holds text, and its meaning is not asserted.
        roles.replaceKey(type, QPDFObjectHandle::newName(known != PDF2_TYPES.end() ? known->second : "/Span"));
    }
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
    writer.setDecodeLevel(qpdf_dl_none); // the engine's compressed streams are written as they are
    if (pdfa)
        writer.setMinimumPDFVersion("1.7"); // PDF/A-2 is built on ISO 32000-1
    writer.write();
    auto buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

} // namespace kansli::render
