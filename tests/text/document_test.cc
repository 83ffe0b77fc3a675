// Tests of Document::build(), fold() and stem_english(): word spans and folded forms, sentences and
// their suppressions, paragraphs, the offset map, edge cases and threads. Entry point: the TESTs below.
#include "text/document.h"

#include <future>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ec::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> sentence_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.text(s.span));
  return out;
}

std::vector<std::string> paragraph_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Paragraph& p : doc.paragraphs()) out.emplace_back(doc.text(p.span));
  return out;
}

std::vector<std::string> word_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Word& w : doc.words()) out.emplace_back(doc.text(w.span));
  return out;
}

std::vector<std::string> folded_words(const Document& doc) {
  std::vector<std::string> out;
  for (const Word& w : doc.words()) out.push_back(w.folded);
  return out;
}

// --- Empty and blank ------------------------------------------------------------------------------

TEST(DocumentBuild, EmptyTextHasNoWordsSentencesOrParagraphs) {
  Document doc = Document::build("");
  EXPECT_EQ(doc.original(), "");
  EXPECT_EQ(doc.folded(), "");
  EXPECT_TRUE(doc.words().empty());
  EXPECT_TRUE(doc.sentences().empty());
  EXPECT_TRUE(doc.paragraphs().empty());
  EXPECT_EQ(doc.original_offset(0), 0u);
}

TEST(DocumentBuild, WhiteSpaceOnlyHasNoWordsSentencesOrParagraphs) {
  Document doc = Document::build(" \t\n\r\n\u00A0\u3000 \f\n  ");
  EXPECT_TRUE(doc.words().empty());
  EXPECT_TRUE(doc.sentences().empty());
  EXPECT_TRUE(doc.paragraphs().empty());
}

// --- Words ----------------------------------------------------------------------------------------

TEST(DocumentBuild, WordSpansAreTheStudentsBytes) {
  const std::string text = "Stalin\u2019s Five-Year Plans began in 1928.";
  Document doc = Document::build(text);
  EXPECT_EQ(doc.original(), text);
  EXPECT_THAT(word_texts(doc), ElementsAre("Stalin\u2019s", "Five", "Year", "Plans", "began", "in", "1928"));
  ASSERT_EQ(doc.words().size(), 7u);
  EXPECT_EQ(doc.words()[0].span, (Span{0, 10}));   // S t a l i n (6) + ’ (3 bytes) + s
  EXPECT_EQ(doc.words()[1].span, (Span{11, 15}));
  EXPECT_EQ(doc.words()[2].span, (Span{16, 20}));
  EXPECT_EQ(doc.words()[6].span, (Span{36, 40}));
  EXPECT_THAT(folded_words(doc), ElementsAre("stalin's", "five", "year", "plans", "began", "in", "1928"));
  EXPECT_EQ(doc.words()[0].stem, "stalin");
  EXPECT_EQ(doc.words()[3].stem, "plan");
}

TEST(DocumentBuild, WordsAreNumericOnlyWhenTheyAreNumbers) {
  Document doc = Document::build("In 1928 some 25,000 kulaks, 1.5 million, the 1920s, the 3rd plan.");
  std::vector<std::string> numbers;
  for (const Word& w : doc.words())
    if (w.numeric) numbers.push_back(w.folded);
  EXPECT_THAT(numbers, ElementsAre("1928", "25,000", "1.5"));
  for (const Word& w : doc.words()) {
    if (w.numeric) {
      EXPECT_EQ(w.stem, w.folded);
    }
  }
}

TEST(DocumentBuild, PunctuationAndSpaceAreNotWords) {
  Document doc = Document::build("\u201CWhy?\u201D \u2014 (1924\u201328): \u2026 !!");
  EXPECT_THAT(word_texts(doc), ElementsAre("Why", "1924", "28"));
}

TEST(DocumentBuild, NoBreakSpaceSeparatesWords) {
  Document doc = Document::build("General\u00A0Secretary");
  EXPECT_THAT(word_texts(doc), ElementsAre("General", "Secretary"));
  EXPECT_EQ(doc.words()[1].span, (Span{9, 18}));
}

TEST(DocumentBuild, LigatureFoldsToItsLetters) {
  Document doc = Document::build("War \uFB01nance");
  ASSERT_EQ(doc.words().size(), 2u);
  EXPECT_EQ(doc.text(doc.words()[1].span), "\uFB01nance");
  EXPECT_EQ(doc.words()[1].folded, "finance");
  EXPECT_EQ(doc.words()[1].stem, "financ");
}

TEST(DocumentBuild, CurlyApostropheFoldsToPlainApostrophe) {
  Document doc = Document::build("TROTSKY\u2019S arrogance, Lenin\u02BCs testament");
  EXPECT_THAT(folded_words(doc), ElementsAre("trotsky's", "arrogance", "lenin's", "testament"));
  EXPECT_EQ(doc.text(doc.words()[0].span), "TROTSKY\u2019S");
}

TEST(DocumentBuild, FullWidthCapitalsAndSharpSFold) {
  Document doc = Document::build("\uFF2E\uFF25\uFF30 Stra\u00DFe CAF\u00C9");
  EXPECT_THAT(folded_words(doc), ElementsAre("nep", "strasse", "caf\u00E9"));
  EXPECT_THAT(word_texts(doc), ElementsAre("\uFF2E\uFF25\uFF30", "Stra\u00DFe", "CAF\u00C9"));
}

TEST(DocumentBuild, CombiningAccentAndSoftHyphenStayInsideTheWord) {
  // "Cafe" + COMBINING ACUTE composes; SOFT HYPHEN is removed by NFKC_Casefold.
  Document doc = Document::build("Cafe\u0301 collecti\u00ADvisation");
  ASSERT_EQ(doc.words().size(), 2u);
  EXPECT_EQ(doc.text(doc.words()[0].span), "Cafe\u0301");
  EXPECT_EQ(doc.words()[0].folded, "caf\u00E9");
  EXPECT_EQ(doc.text(doc.words()[1].span), "collecti\u00ADvisation");
  EXPECT_EQ(doc.words()[1].folded, "collectivisation");
  EXPECT_EQ(doc.words()[1].stem, "collectivis");
}

TEST(DocumentBuild, HyphenatedWordIsTwoWords) {
  Document doc = Document::build("the First Five-Year Plan");
  EXPECT_THAT(folded_words(doc), ElementsAre("the", "first", "five", "year", "plan"));
}

TEST(DocumentBuild, KanaAndHangulWordsAreWords) {
  Document doc = Document::build("Stalin (スターリン, 스탈린) won");
  EXPECT_THAT(word_texts(doc), ElementsAre("Stalin", "スターリン", "스탈린", "won"));
}

// --- Sentences ------------------------------------------------------------------------------------

TEST(DocumentSentences, BreakAfterAFullStopBeforeACapital) {
  Document doc = Document::build("He died in 1924. Stalin then took control.");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("He died in 1924.", "Stalin then took control."));
}

TEST(DocumentSentences, NoBreakAfterAbbreviations) {
  // Each line is one sentence followed by a second one; without the suppression the abbreviation
  // would end a sentence (each is followed by a capital).
  const std::vector<std::string> firsts = {
      "Rivals, e.g. Trotsky, were outmanoeuvred.",
      "The party leader, i.e. Stalin, won.",
      "He used purges, show trials etc. Stalin kept power.",
      "Mr. Trotsky lost.",
      "Mrs. Krupskaya disliked him.",
      "Dr. Zhivago is a novel.",
      "In c. 1928 Stalin ended the NEP.",
      "Lenin worked in St. Petersburg for years.",
      "Compare cf. Bukharin on this.",
      "Stalin vs. Trotsky was unequal.",
      "There were approx. 25,000 volunteers.",
      "Rivals, e.g.  Trotsky, were outmanoeuvred.",  // two spaces after the abbreviation
      "Rivals (e.g. Trotsky) lost.",
  };
  for (const std::string& first : firsts) {
    Document doc = Document::build(first + " Then it ended.");
    EXPECT_THAT(sentence_texts(doc), ElementsAre(first, "Then it ended.")) << first;
  }
}

TEST(DocumentSentences, WordsEndingInTheLetterOfAnAbbreviationStillEndSentences) {
  // "c." and "St." must match whole words only: "Republic." and "ST." end sentences.
  Document doc = Document::build("It was a Soviet Republic. Then came the plan. It was economic. He won.");
  EXPECT_THAT(sentence_texts(doc),
              ElementsAre("It was a Soviet Republic.", "Then came the plan.", "It was economic.", "He won."));
}

TEST(DocumentSentences, NoBreakInsideNumbersOrDateRanges) {
  Document doc = Document::build("Output rose 1.5 times. In 1927\u201328 procurement fell. In 1927-28 it fell.");
  EXPECT_THAT(sentence_texts(doc),
              ElementsAre("Output rose 1.5 times.", "In 1927\u201328 procurement fell.", "In 1927-28 it fell."));
}

TEST(DocumentSentences, QuestionAndExclamationMarksEndSentences) {
  Document doc = Document::build("Why did Stalin win? He was clever! Trotsky was not.");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("Why did Stalin win?", "He was clever!", "Trotsky was not."));
}

TEST(DocumentSentences, SentenceKnowsItsWordsAndWordsTheirSentence) {
  Document doc = Document::build("Lenin died. Stalin won the struggle.");
  ASSERT_EQ(doc.sentences().size(), 2u);
  EXPECT_EQ(doc.sentences()[0].span, (Span{0, 11}));
  EXPECT_EQ(doc.sentences()[0].first_word, 0u);
  EXPECT_EQ(doc.sentences()[0].end_word, 2u);
  EXPECT_EQ(doc.sentences()[1].span, (Span{12, 36}));
  EXPECT_EQ(doc.sentences()[1].first_word, 2u);
  EXPECT_EQ(doc.sentences()[1].end_word, 6u);
  std::vector<std::uint32_t> sentence_of;
  for (const Word& w : doc.words()) sentence_of.push_back(w.sentence);
  EXPECT_THAT(sentence_of, ElementsAre(0u, 0u, 1u, 1u, 1u, 1u));
}

TEST(DocumentSentences, SpansAreTrimmed) {
  Document doc = Document::build("   \t He won.    Then \u00A0 he ruled.  \n");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("He won.", "Then \u00A0 he ruled."));
  EXPECT_EQ(doc.sentences()[0].span, (Span{5, 12}));
}

// --- Paragraphs -----------------------------------------------------------------------------------

TEST(DocumentParagraphs, BlankLinesSeparateParagraphs) {
  const std::string text =
      "  First point. It matters.\n"
      "\n"
      "Second point.\n"
      "   \t \n"           // white space only: blank
      "Third point\n"     // a single line break does not end a paragraph
      "goes on.\r\n"
      "\r\n"
      "\r\n"
      "Fourth.\n";
  Document doc = Document::build(text);
  EXPECT_THAT(paragraph_texts(doc),
              ElementsAre("First point. It matters.", "Second point.", "Third point\ngoes on.", "Fourth."));
  ASSERT_EQ(doc.paragraphs().size(), 4u);
  EXPECT_EQ(doc.paragraphs()[0].span, (Span{2, 26}));
  EXPECT_THAT(sentence_texts(doc),
              ElementsAre("First point.", "It matters.", "Second point.", "Third point", "goes on.", "Fourth."));
  std::vector<std::uint32_t> paragraph_of;
  for (const Sentence& s : doc.sentences()) paragraph_of.push_back(s.paragraph);
  EXPECT_THAT(paragraph_of, ElementsAre(0u, 0u, 1u, 2u, 2u, 3u));
}

TEST(DocumentParagraphs, SentencesNeverCrossAParagraphBreak) {
  Document doc = Document::build("Stalin was patient and\n\nclever in 1924 and after");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("Stalin was patient and", "clever in 1924 and after"));
  EXPECT_EQ(doc.sentences()[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences()[1].paragraph, 1u);
}

TEST(DocumentParagraphs, ParagraphKnowsItsSentencesAndWords) {
  Document doc = Document::build("A b. C d.\n\nE f g.\n\nH.");
  ASSERT_EQ(doc.paragraphs().size(), 3u);
  const Paragraph& p1 = doc.paragraphs()[1];
  EXPECT_EQ(p1.first_sentence, 2u);
  EXPECT_EQ(p1.end_sentence, 3u);
  EXPECT_EQ(p1.first_word, 4u);
  EXPECT_EQ(p1.end_word, 7u);
  EXPECT_EQ(doc.paragraphs()[2].first_word, 7u);
  EXPECT_EQ(doc.paragraphs()[2].end_word, 8u);
  std::vector<std::uint32_t> paragraph_of;
  for (const Word& w : doc.words()) paragraph_of.push_back(w.paragraph);
  EXPECT_THAT(paragraph_of, ElementsAre(0u, 0u, 0u, 0u, 1u, 1u, 1u, 2u));
}

// --- Folded text and the offset map ---------------------------------------------------------------

TEST(DocumentFolded, WholeTextIsNfkcCasefolded) {
  Document doc = Document::build("War \uFB01nance: STRA\u00DFE \u2019s");
  EXPECT_EQ(doc.folded(), "war finance: strasse \u2019s");
}

TEST(DocumentFolded, OriginalOffsetMapsBackThroughChangedSegments) {
  const std::string text = "War \uFB01nance in Stra\u00DFe.";
  Document doc = Document::build(text);
  ASSERT_EQ(doc.folded(), "war finance in strasse.");
  const auto f = [&](const char* s) { return static_cast<std::uint32_t>(doc.folded().find(s)); };
  const auto o = [&](const char* s) { return static_cast<std::uint32_t>(text.find(s)); };
  EXPECT_EQ(doc.original_offset(0), 0u);
  EXPECT_EQ(doc.original_offset(f("finance")), o("\uFB01nance"));   // start of the ligature
  EXPECT_EQ(doc.original_offset(f("finance") + 1), o("\uFB01nance"));  // inside it: its start
  EXPECT_EQ(doc.original_offset(f("nance")), o("nance"));
  EXPECT_EQ(doc.original_offset(f(" in")), o(" in"));
  EXPECT_EQ(doc.original_offset(f("sse.") + 1), o("\u00DFe."));       // second s of ß
  EXPECT_EQ(doc.original_offset(f("e.")), o("e."));
  EXPECT_EQ(doc.original_offset(static_cast<std::uint32_t>(doc.folded().size())), text.size());
}

TEST(DocumentFolded, FoldedSpanOfEveryWordIsItsFoldedSlice) {
  const std::string text = "\u00C9MIGR\u00C9S: TROTSKY\u2019S \uFB01nal Stra\u00DFe, NEP.";
  Document doc = Document::build(text);
  for (const Word& w : doc.words()) {
    Span fs = doc.folded_span(w.span);
    EXPECT_EQ(fold(doc.text(w.span)), w.folded);
    std::string slice = doc.folded().substr(fs.start, fs.size());
    EXPECT_EQ(fold(slice), w.folded) << slice;
    EXPECT_EQ(doc.original_offset(fs.start), w.span.start);
    EXPECT_EQ(doc.original_offset(fs.end), w.span.end);
  }
}

// --- fold() and stem_english() --------------------------------------------------------------------

TEST(Fold, NfkcCasefoldWithPlainQuotesAndDashes) {
  EXPECT_EQ(fold("\u201CStalin\u2019s\u201D \u2018plan\u2019 1927\u201328 \u2014 \u2012 \u2212 \u02BC \u2032"),
            "\"stalin's\" 'plan' 1927-28 - - - ' '");
  EXPECT_EQ(fold("\uFB01ve-year PLAN"), "five-year plan");
  EXPECT_EQ(fold("Stra\u00DFe \uFF2E\uFF25\uFF30"), "strasse nep");
  EXPECT_EQ(fold(""), "");
}

TEST(StemEnglish, OneStemForTheWordForms) {
  EXPECT_EQ(stem_english("nationalise"), "nationalis");
  EXPECT_EQ(stem_english("nationalised"), "nationalis");
  EXPECT_EQ(stem_english("nationalisation"), "nationalis");
  EXPECT_EQ(stem_english("kulaks"), "kulak");
  EXPECT_EQ(stem_english("stalin's"), "stalin");
  EXPECT_EQ(stem_english("kulaks"), "kulak");  // again, from the cache
}

// --- Size, robustness and threads -----------------------------------------------------------------

TEST(DocumentBuild, OneMebibyteText) {
  const std::string para = "Stalin won the power struggle by 1928. He used his position as General Secretary.\n\n";
  std::string text;
  std::size_t paragraphs = 0;
  while (text.size() + para.size() <= (1u << 20)) {
    text += para;
    ++paragraphs;
  }
  Document doc = Document::build(text);
  EXPECT_EQ(doc.paragraphs().size(), paragraphs);
  EXPECT_EQ(doc.sentences().size(), 2 * paragraphs);
  ASSERT_EQ(doc.words().size(), 14 * paragraphs);
  const Word& last = doc.words().back();
  EXPECT_EQ(doc.text(last.span), "Secretary");
  EXPECT_EQ(last.span.end, text.size() - 3);
  EXPECT_EQ(last.sentence, 2 * paragraphs - 1);
  EXPECT_EQ(last.paragraph, paragraphs - 1);
  EXPECT_EQ(last.stem, "secretari");
}

TEST(DocumentBuild, InvalidUtf8DoesNotCrash) {
  Document doc = Document::build("Stalin \xFF\xFE won \xE2\x80 in 19\xC3");
  for (const Word& w : doc.words()) EXPECT_LE(w.span.end, doc.original().size());
  EXPECT_FALSE(doc.words().empty());
  EXPECT_EQ(doc.text(doc.words()[0].span), "Stalin");
}

TEST(DocumentBuild, SameResultsOnManyThreads) {
  const std::string text =
      "Stalin\u2019s rivals, e.g. Trotsky, lost. In c. 1928 he ended NEP.\n\nCollectivisation began in 1929.";
  const Document expected = Document::build(text);
  std::vector<std::future<bool>> results;
  for (int t = 0; t < 4; ++t) {
    results.push_back(std::async(std::launch::async, [&] {
      for (int i = 0; i < 50; ++i) {
        Document doc = Document::build(text);
        if (doc.words().size() != expected.words().size()) return false;
        if (doc.sentences().size() != expected.sentences().size()) return false;
        for (std::size_t k = 0; k < doc.words().size(); ++k) {
          if (doc.words()[k].span != expected.words()[k].span) return false;
          if (doc.words()[k].stem != expected.words()[k].stem) return false;
        }
      }
      return true;
    }));
  }
  for (auto& r : results) EXPECT_TRUE(r.get());
}

}  // namespace
}  // namespace ec::text
