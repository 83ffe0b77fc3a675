// The canonical form of a rubric file: declarations in file order separated by a blank line;
// statements in a fixed order per kind, two-space indent, strings escaped, patterns as written,
// comments dropped. parse(print(tree)) == tree, and print is idempotent. Entry point: ast::print().
#include <sstream>
#include <string>

#include "rubric/ast.h"

namespace ec::rubric::ast {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  std::ostringstream ss;
  ss.precision(15);
  ss << v;
  return ss.str();
}

const char* cmp_text(Condition::Cmp c) {
  switch (c) {
    case Condition::Cmp::ge: return ">=";
    case Condition::Cmp::gt: return ">";
    case Condition::Cmp::le: return "<=";
    case Condition::Cmp::lt: return "<";
    case Condition::Cmp::eq: return "==";
    case Condition::Cmp::ne: return "!=";
  }
  return ">=";
}

// Binding strength: or 1, and 2, not 3, a measure 4. A child weaker than its place needs ( ).
int strength(const Condition& c) {
  switch (c.op) {
    case Condition::Op::or_: return 1;
    case Condition::Op::and_: return 2;
    case Condition::Op::not_: return 3;
    default: return 4;
  }
}

std::string condition(const Condition& c);

std::string operand(const Condition& c, int needed) {
  std::string s = condition(c);
  return strength(c) < needed ? "(" + s + ")" : s;
}

std::string condition(const Condition& c) {
  switch (c.op) {
    case Condition::Op::measure: return c.measure;
    case Condition::Op::compare: return c.measure + " " + cmp_text(c.cmp) + " " + number(c.value);
    case Condition::Op::not_: return "not " + operand(c.operands.at(0), 3);
    case Condition::Op::and_:
    case Condition::Op::or_: {
      bool is_and = c.op == Condition::Op::and_;
      std::string out;
      for (std::size_t i = 0; i < c.operands.size(); ++i) {
        if (i) out += is_and ? " and " : " or ";
        // an operand of the same kind is parenthesised so that the tree keeps its shape
        out += operand(c.operands[i], is_and ? 3 : 2);
      }
      return out;
    }
    case Condition::Op::always: return "";
  }
  return "";
}

std::string scope(match::Scope s) {
  switch (s) {
    case match::Scope::paragraph: return " within paragraph";
    case match::Scope::response: return " within answer";
    case match::Scope::sentence: return "";
  }
  return "";
}

std::string range(int from, int to) {
  return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
}

struct Printer {
  std::string out;

  void line(const std::string& s) { out += "  " + s + "\n"; }

  void cards(const std::vector<Located<int>>& cards) {
    if (cards.empty()) return;
    std::string s = "cards";
    for (const auto& c : cards) s += " " + std::to_string(c.value);
    line(s);
  }
  void patterns(const char* keyword, const std::vector<PatternText>& ps) {
    for (const auto& p : ps) line(std::string(keyword) + " " + p.source + scope(p.scope));
  }
  void text(const char* keyword, const std::optional<Located<std::string>>& t) {
    if (t) line(std::string(keyword) + " " + quote(t->value));
  }
  void examples(const std::vector<Example>& es) {
    for (const auto& e : es) line(std::string(e.hit ? "example hit  " : "example miss ") + quote(e.text));
  }

  void operator()(const Factor& d) {
    out += "factor " + d.id + " " + quote(d.label) + " {\n";
    cards(d.cards);
    patterns("names", d.names);
    patterns("explain", d.explain);
    text("hint", d.hint);
    text("praise", d.praise);
    if (d.side) line("side " + d.side->value);
    examples(d.examples);
    out += "}\n";
  }
  void operator()(const Term& d) {
    out += "term " + d.id + " " + quote(d.term) + " " + quote(d.definition) + " {\n";
    cards(d.cards);
    patterns("names", d.names);
    examples(d.examples);
    out += "}\n";
  }
  void operator()(const Event& d) {
    out += "event " + d.id + " " + range(d.year_from, d.year_to);
    if (!d.what.empty()) out += " " + quote(d.what);
    out += " {\n";
    cards(d.cards);
    patterns("names", d.names);
    examples(d.examples);
    out += "}\n";
  }
  void operator()(const Misconception& d) {
    out += "misconception " + d.id + " " + quote(d.claim_text) + " {\n";
    cards(d.cards);
    patterns("claim", d.claims);
    text("correction", d.correction);
    examples(d.examples);
    out += "}\n";
  }
  void operator()(const Signal& d) {
    out += "signal " + d.id + " " + quote(d.label) + " {\n";
    patterns("names", d.names);
    examples(d.examples);
    out += "}\n";
  }
  void operator()(const Scheme& d) {
    out += "scheme " + d.id + " " + quote(d.title) + " {\n";
    if (d.marks) line("marks " + std::to_string(d.marks->value));
    for (const auto& l : d.levels) {
      // a mark range is always written in full (7-9, or 3-3), so that it reads as a range
      std::string s = "level " + std::to_string(l.number) + " " + std::to_string(l.min_mark) + "-" +
                      std::to_string(l.max_mark) + " " + quote(l.descriptor);
      if (l.when) s += " when " + condition(*l.when);
      if (l.top) s += " top when " + condition(*l.top);
      if (l.bottom) s += " bottom when " + condition(*l.bottom);
      line(s);
    }
    for (const auto& a : d.awards) {
      line("award " + std::to_string(a.points) + " per " + a.measure +
           (a.max_points > 0 ? " max " + std::to_string(a.max_points) : std::string()) + " " + quote(a.reason));
    }
    for (const auto& c : d.caps)
      line("cap " + std::to_string(c.max_mark) + " when " + condition(c.when) + " " + quote(c.reason));
    if (d.exam_year) line("exam-year " + std::to_string(d.exam_year->value));
    out += "}\n";
  }
  void operator()(const Prompt& d) {
    out += "prompt " + d.id + " {\n";
    text("question", d.question);
    text("topic", d.topic);
    if (d.marks) line("marks " + std::to_string(d.marks->value));
    if (d.scheme) line("scheme " + d.scheme->value);
    if (d.minutes) line("minutes " + std::to_string(d.minutes->value));
    for (const auto& s : d.stimulus) line("stimulus " + s.factor + (s.text.empty() ? "" : " " + quote(s.text)));
    for (const auto& u : d.uses) line("uses " + u.value);
    out += "}\n";
  }
};

}  // namespace

std::string print(const Declaration& declaration) {
  Printer p;
  std::visit(p, declaration);
  return p.out;
}

std::string print(const File& file) {
  std::string out;
  for (std::size_t i = 0; i < file.declarations.size(); ++i) {
    if (i) out += "\n";
    out += print(file.declarations[i]);
  }
  return out;
}

}  // namespace ec::rubric::ast
