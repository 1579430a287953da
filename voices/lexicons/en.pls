<?xml version="1.0" encoding="UTF-8"?>
<!-- heardline starter news lexicon, English: how espeak-ng should say names it gets wrong.
     W3C Pronunciation Lexicon Specification 1.0; each <alias> is spelled the way the voice reads it. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="x-heardline-alias" xml:lang="en">
  <lexeme><grapheme>Mosul</grapheme><alias>Moh-sool</alias></lexeme>
  <lexeme><grapheme>Mossul</grapheme><alias>Moh-sool</alias></lexeme>
  <lexeme><grapheme>Shafaa</grapheme><alias>Sha-fah</alias></lexeme>
  <lexeme><grapheme>Mattis</grapheme><alias>Mat-iss</alias></lexeme>
  <lexeme><grapheme>Tigris</grapheme><alias>Tie-gris</alias></lexeme>
  <lexeme><grapheme>Baghdad</grapheme><alias>Bag-dad</alias></lexeme>
  <lexeme><grapheme>Ibn Sina</grapheme><alias>Ibben Seena</alias></lexeme>
  <lexeme><grapheme>jihadist</grapheme><grapheme>jihadists</grapheme><alias>jee-hah-dists</alias></lexeme>
  <lexeme><grapheme>Kyiv</grapheme><alias>Keev</alias></lexeme>
  <lexeme><grapheme>Qatar</grapheme><alias>Cutter</alias></lexeme>
  <lexeme><grapheme>Xi Jinping</grapheme><alias>Shee Jin-ping</alias></lexeme>
  <lexeme><grapheme>Deutsche Welle</grapheme><alias>Doytsheh Velleh</alias></lexeme>
  <lexeme><grapheme>DW</grapheme><alias>D W</alias></lexeme>
</lexicon>
