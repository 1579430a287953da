<?xml version="1.0" encoding="UTF-8"?>
<!-- heardline starter news lexicon, German. W3C PLS 1.0; aliases as the voice should read them. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="x-heardline-alias" xml:lang="de">
  <lexeme><grapheme>Mossul</grapheme><grapheme>Mosul</grapheme><alias>Mossuhl</alias></lexeme>
  <lexeme><grapheme>Kiew</grapheme><alias>Kieff</alias></lexeme>
  <lexeme><grapheme>Kyjiw</grapheme><alias>Kieff</alias></lexeme>
  <lexeme><grapheme>Irak</grapheme><alias>Iraak</alias></lexeme>
  <lexeme><grapheme>Tagesschau</grapheme><alias>Tages-schau</alias></lexeme>
  <lexeme><grapheme>Rheinmetall</grapheme><alias>Rhein-metall</alias></lexeme>
  <lexeme><grapheme>Shafaa</grapheme><alias>Schafaa</alias></lexeme>
</lexicon>
