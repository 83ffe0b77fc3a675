// The text report for an 80-column terminal: mark and level first, then why, factor by factor with
// the student's own sentences, dates, terms, flags and the feedback. Entry point: to_text().
#include <string_view>

#include "report/report.h"

namespace ec::report {
namespace {

constexpr std::size_t kWidth = 80;

std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Word-wrap `text` to kWidth: the first line after `first`, the rest after `rest` (indents).
std::string wrap(std::string_view text, const std::string& first, const std::string& rest) {
  std::string out = first;
  std::size_t col = columns(first);
  bool line_start = true;
  while (!text.empty()) {
    auto sp = text.find(' ');
    std::string_view word = text.substr(0, sp);
    text = sp == std::string_view::npos ? std::string_view() : text.substr(sp + 1);
    if (word.empty()) continue;
    std::size_t w = columns(word);
    if (!line_start && col + 1 + w > kWidth) {
      out += "\n" + rest;
      col = columns(rest);
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
    line_start = false;
  }
  return out + "\n";
}

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

std::string cards_list(const std::vector<int>& cards) {
  std::string out;
  for (std::size_t i = 0; i < cards.size(); ++i) out += (i ? ", " : "") + std::to_string(cards[i]);
  return out;
}

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
};

}  // namespace

std::string to_text(const mark::Assessment& a, const feedback::Feedback& fb, const text::Document& doc,
                    const Source& source, bool color) {
  Style style{color};
  std::string out;
  out += wrap(a.prompt->question + " (" + std::to_string(a.scheme->marks) + " marks)", "", "");
  out += wrap(source.file + ": " + std::to_string(a.words) + " words, " + std::to_string(a.sentences) +
                  " sentences, " + std::to_string(a.paragraphs) + " paragraphs" +
                  (source.encoding == "UTF-8" ? "" : " (read as " + source.encoding + ")"),
              "", "  ");
  out += "\n";
  std::string headline = "Mark " + std::to_string(a.mark) + "/" + std::to_string(a.scheme->marks);
  if (a.level) headline += *a.level > 0 ? "  Level " + std::to_string(*a.level) : "  No level";
  out += style("1", headline) + "\n";
  if (!a.level_descriptor.empty()) out += wrap(a.level_descriptor, "  ", "  ");
  out += "\nWhy this mark\n";
  for (const auto& r : a.reasons) out += wrap(r, "  - ", "    ");

  out += "\nFactors\n";
  for (const auto& f : a.factors) {
    const char* colour = f.status == mark::FactorStatus::explained   ? "32"
                         : f.status == mark::FactorStatus::mentioned ? "33"
                                                                     : "2";
    std::string status = mark::to_string(f.status);
    status.resize(10, ' ');
    std::string line = f.factor->label + (f.stimulus ? " (stimulus)" : "");
    out += wrap(line, "  " + style(colour, status) + "", "              ");
    if (f.status != mark::FactorStatus::missing) {
      std::uint32_t s = f.explained_in ? *f.explained_in : f.sentences.front();
      out += wrap("\"" + one_line(doc.text(doc.sentences()[s].span)) + "\"", "              ", "               ");
    }
  }

  if (!a.structure.empty()) {
    out += "\nParagraphs (point, evidence, explain, link back to the question)\n";
    for (std::size_t i = 0; i < a.structure.size(); ++i) {
      const auto& ps = a.structure[i];
      auto yes = [](bool b) { return b ? "yes" : "no "; };
      std::string line = "  " + std::string(i + 1 < 10 ? " " : "") + std::to_string(i + 1) + ". point " +
                         yes(ps.point != nullptr) + "  evidence " + yes(ps.evidence) + "  explain " +
                         yes(ps.explain) + "  link " + yes(ps.link);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
      if (ps.point) out += wrap(ps.point->label, "        ", "        ");
    }
  }

  if (!a.dates.empty()) {
    out += "\nDates\n";
    for (const auto& d : a.dates) {
      std::string line = std::to_string(d.year) + " " + d.event->what + ": ";
      if (d.correct) {
        line += "right";
      } else {
        line += "wrong, it was " + std::to_string(d.event->year_from);
        if (d.event->year_to != d.event->year_from) line += "-" + std::to_string(d.event->year_to);
      }
      out += wrap(line, "  ", "    ");
    }
  }

  std::string used;
  int n_used = 0;
  for (const auto& t : a.terms) {
    if (t.evidence.empty()) continue;
    used += (n_used++ ? ", " : "") + t.term->term;
  }
  out += "\n" + wrap("Key terms used (" + std::to_string(n_used) + "): " + (n_used ? used : "none"), "", "  ");

  if (!a.flags.empty()) {
    out += "\nFlags\n";
    for (const auto& f : a.flags) out += wrap(std::string(mark::to_string(f.kind)) + ": " + f.message, "  ! ", "    ");
  }

  std::string unknown;
  int n_unknown = 0;
  for (const auto& n : a.spelling) {
    if (!n.correct.empty()) continue;
    unknown += (n_unknown++ ? ", " : "") + std::string(doc.text(n.span));
  }
  if (n_unknown > 0) out += "\n" + wrap("Check the spelling of: " + unknown, "", "  ");

  out += "\nWhat went well\n";
  if (fb.www.empty()) out += "  (nothing yet: see below)\n";
  for (const auto& p : fb.www) {
    out += wrap("[" + p.code + "] " + p.text, "  + ", "    ");
    if (!p.how.empty()) out += wrap(one_line(p.how), "    ", "    ");
  }
  out += "\nEven better if\n";
  for (const auto& p : fb.ebi) {
    out += wrap("[" + p.code + "] " + p.text, "  > ", "    ");
    if (!p.how.empty()) out += wrap("How: " + p.how, "    ", "    ");
  }
  out += "\n" + wrap("Next step: " + fb.next_step.text, "", "  ");
  if (a.next_level) {
    const auto& n = *a.next_level;
    std::string target = n.level && (!a.level || *n.level > *a.level) ? "Level " + std::to_string(*n.level) + " (" +
                                                                            std::to_string(n.mark) + " marks)"
                                                                      : std::to_string(n.mark) + " marks";
    out += wrap("To reach " + target + ": " + n.task, "", "  ");
  }
  if (!fb.revise_cards.empty()) out += wrap("Revise cards: " + cards_list(fb.revise_cards), "", "  ");
  return out;
}

}  // namespace ec::report
