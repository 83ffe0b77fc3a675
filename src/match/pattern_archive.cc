// A compiled Pattern written to and read back from a cache archive (base/archive.h): the atoms,
// slots and node tree exactly as compile.cc built them; atom ids are interned again on loading,
// since they are only meaningful within one process.
#include "base/archive.h"
#include "match/compile.h"

namespace ec::match {

namespace {

void save_options(archive::Writer& out, const Options& o) {
  out.boolean(o.ignore_case);
  out.str(o.sentence_dividers);
  out.str(o.word_dividers);
  out.str(o.convert_to_space);
  out.vec(o.synonyms, [](archive::Writer& w, const auto& p) {
    w.str(p.first);
    w.str(p.second);
  });
}

void load_options(archive::Reader& in, Options& o) {
  o.ignore_case = in.boolean();
  o.sentence_dividers = in.str();
  o.word_dividers = in.str();
  o.convert_to_space = in.str();
  in.vec(o.synonyms, [](archive::Reader& r, auto& p) {
    p.first = r.str();
    p.second = r.str();
  });
}

void save_flags(archive::Writer& out, const Flags& f) {
  for (bool b : {f.extra_chars, f.any_order, f.extra_words, f.stems, f.replace, f.transpose, f.extra, f.fewer})
    out.boolean(b);
  out.i32(f.misspellings);
  out.i32(f.window);
}

void load_flags(archive::Reader& in, Flags& f) {
  for (bool* b : {&f.extra_chars, &f.any_order, &f.extra_words, &f.stems, &f.replace, &f.transpose, &f.extra, &f.fewer})
    *b = in.boolean();
  f.misspellings = in.i32();
  f.window = in.i32();
}

void save_atom(archive::Writer& out, const Atom& a) {
  out.u32str(a.chars);
  out.str(a.literal);
  out.boolean(a.wildcards);
  out.boolean(a.number.has_value());
  out.f64(a.number.value_or(0));
  out.str(a.stem);
  out.i32(a.max_edits);
  for (bool b : {a.replace, a.transpose, a.extra, a.fewer}) out.boolean(b);
  out.u32(a.min_length);
  out.u32(a.max_length);
  out.u64(a.mask);
  out.str(a.prefix);
  out.str(a.key);
}

void load_atom(archive::Reader& in, Atom& a) {
  a.chars = in.u32str();
  a.literal = in.str();
  a.wildcards = in.boolean();
  bool has_number = in.boolean();
  double number = in.f64();
  if (has_number) a.number = number;
  a.stem = in.str();
  a.max_edits = in.i32();
  for (bool* b : {&a.replace, &a.transpose, &a.extra, &a.fewer}) *b = in.boolean();
  a.min_length = in.u32();
  a.max_length = in.u32();
  a.mask = in.u64();
  a.prefix = in.str();
  a.key = in.str();
  if (in.ok()) a.id = intern_atom_key(a.key);
}

void save_indexes(archive::Writer& out, const std::vector<std::uint32_t>& v) {
  out.vec(v, [](archive::Writer& w, std::uint32_t i) { w.u32(i); });
}

// Indexes must point inside a vector of `bound` elements.
void load_indexes(archive::Reader& in, std::vector<std::uint32_t>& v, std::size_t bound) {
  in.vec(v, [bound](archive::Reader& r, std::uint32_t& i) {
    i = r.u32();
    if (i >= bound) r.fail();
  });
}

void save_node(archive::Writer& out, const CompiledNode& n) {
  out.u8(static_cast<std::uint8_t>(n.kind));
  save_flags(out, n.flags);
  out.vec(n.items, [](archive::Writer& w, const CompiledItem& item) {
    w.vec(item.alternatives, [](archive::Writer& w2, const CompiledPhrase& p) { save_indexes(w2, p.words); });
  });
  out.vec(n.separators, [](archive::Writer& w, syntax::Separator s) { w.u8(static_cast<std::uint8_t>(s)); });
  out.vec(n.children, [](archive::Writer& w, const CompiledNode& c) { save_node(w, c); });
}

void load_node(archive::Reader& in, CompiledNode& n, std::size_t slots, int depth) {
  if (depth > 64) return in.fail();
  std::uint8_t kind = in.u8();
  if (kind > static_cast<std::uint8_t>(syntax::Node::Kind::not_)) return in.fail();
  n.kind = static_cast<syntax::Node::Kind>(kind);
  load_flags(in, n.flags);
  in.vec(n.items, [slots](archive::Reader& r, CompiledItem& item) {
    r.vec(item.alternatives, [slots](archive::Reader& r2, CompiledPhrase& p) { load_indexes(r2, p.words, slots); });
  });
  in.vec(n.separators, [](archive::Reader& r, syntax::Separator& s) {
    std::uint8_t v = r.u8();
    if (v > static_cast<std::uint8_t>(syntax::Separator::proximity)) r.fail();
    s = static_cast<syntax::Separator>(v);
  });
  in.vec(n.children, [slots, depth](archive::Reader& r, CompiledNode& c) { load_node(r, c, slots, depth + 1); });
}

}  // namespace

void Pattern::save(archive::Writer& out) const {
  const CompiledExpression& e = *impl_;
  out.str(e.source);
  save_options(out, e.options);
  out.vec(e.atoms, save_atom);
  out.vec(e.slots, [](archive::Writer& w, const Slot& s) { save_indexes(w, s.atoms); });
  save_node(out, e.root);
  out.boolean(e.uses_stems);
}

std::optional<Pattern> Pattern::load(archive::Reader& in) {
  CompiledExpression e;
  e.source = in.str();
  load_options(in, e.options);
  in.vec(e.atoms, load_atom);
  const std::size_t atoms = e.atoms.size();
  in.vec(e.slots, [atoms](archive::Reader& r, Slot& s) { load_indexes(r, s.atoms, atoms); });
  load_node(in, e.root, e.slots.size(), 0);
  e.uses_stems = in.boolean();
  if (!in.ok()) return std::nullopt;
  return Pattern(std::make_shared<const CompiledExpression>(std::move(e)));
}

}  // namespace ec::match
