// Writes small, valid PDFs for the tests, so that no binary fixture has to be committed:
// Helvetica text (WinAnsiEncoding, so Danish letters work) placed line by line, and pages
// that carry only an image (what a scanner produces). The xref table's byte offsets are
// computed here, as PDF 1.7 section 7.5.4 requires.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace search::test {

struct PdfLine {
  int x = 72;  // points from the left edge
  int y = 0;   // points from the bottom edge (an A4 page is 842 high)
  std::string text;  // UTF-8; must be representable in WinAnsi (Latin-1 letters)
};

// One page: text lines drawn in the order given (which need not be reading order); with
// `image_only` the page draws a grey image and no text at all.
struct PdfPage {
  std::vector<PdfLine> lines;
  bool image_only = false;
};

namespace detail {

// UTF-8 to Latin-1 (which WinAnsi agrees with for letters), escaped for a PDF string.
inline std::string pdf_string(const std::string& utf8) {
  std::string out = "(";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      c = static_cast<unsigned char>(((c & 0x1F) << 6) | (utf8[++i] & 0x3F));
    }
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += static_cast<char>(c);
  }
  return out + ")";
}

inline std::string content_stream(const PdfPage& page) {
  if (page.image_only) return "q 400 0 0 300 100 400 cm /Im1 Do Q\n";
  std::string s;
  for (const auto& line : page.lines) {
    s += "BT /F1 11 Tf " + std::to_string(line.x) + " " + std::to_string(line.y) + " Td " +
         pdf_string(line.text) + " Tj ET\n";
  }
  return s;
}

inline std::string stream_object(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

}  // namespace detail

// The bytes of a PDF with the given pages.
inline std::string make_pdf(const std::vector<PdfPage>& pages) {
  // Objects: 1 catalog, 2 page tree, 3 font, 4 image, then per page: page, contents.
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(pages.size()) + " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back(detail::stream_object(
      "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
      "/BitsPerComponent 8",
      std::string("\x20\x80\x80\x20", 4)));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << "
                      "/Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents " +
                      std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back(detail::stream_object("", detail::content_stream(pages[i])));
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Lines from the top of a page downwards, 14 points apart, starting at `top`.
inline PdfPage text_page(const std::vector<std::string>& lines, int top = 770) {
  PdfPage page;
  int y = top;
  for (const auto& text : lines) {
    page.lines.push_back({72, y, text});
    y -= 14;
  }
  return page;
}

}  // namespace search::test
