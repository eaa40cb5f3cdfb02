/// The style sheet of ``HTMLPage``: readable on a phone and on paper, with no font, image
/// or anything else fetched.
///
/// The charts' own sheets style their SVG classes (`title`, `tick`, `legend`, `bar-label`);
/// the page's classes keep clear of those names.
enum HTMLStyle {
  /// The sheet, ending with a newline.
  static let sheet = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body {
      margin: 0; background: #fff; color: #1f2328;
      font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans",
        "Helvetica Neue", Arial, sans-serif;
      -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
    }
    main { max-width: 54rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    /* Korean wraps between words, as it is written, not inside one. */
    :lang(ko) p, :lang(ko) li, :lang(ko) h1, :lang(ko) h2, :lang(ko) h3 {
      word-break: keep-all; overflow-wrap: anywhere;
    }
    h1 { font-size: 1.7rem; line-height: 1.25; margin: 1.2rem 0 0.3rem; }
    h2 {
      font-size: 1.4rem; line-height: 1.3; margin: 2.5rem 0 0.5rem;
      padding-top: 1rem; border-top: 2px solid #d0d7de;
    }
    p, ul { margin: 0.7rem 0; }
    ul { padding-left: 1.4rem; }
    a { color: #0b5cad; }
    .recording { color: #57606a; font-style: italic; margin-top: 0; }
    .contents ol { padding-left: 1.4rem; }
    .note {
      margin: 1rem 0; padding: 0.5rem 0.9rem; background: #f6f8fa;
      border-left: 4px solid #8c959f; color: #424a53; font-size: 0.92rem;
      overflow-wrap: anywhere;
    }
    .note p { margin: 0; }
    .cell, .listing { margin: 1.4rem 0; }
    .prompt {
      margin: 0 0 0.25rem; color: #2f6db5; font-weight: bold;
      font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem;
    }
    pre {
      margin: 0 0 0.6rem; padding: 0.7rem 0.85rem; overflow-x: auto;
      font: 0.82rem/1.5 "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
      tab-size: 8; -moz-tab-size: 8; border-radius: 6px;
    }
    pre code, pre samp { font: inherit; }
    pre.code { background: #f6f8fa; border: 1px solid #d8dee4; }
    pre.output { background: #fffbea; border: 1px solid #eadfb4; }
    pre.fixed { background: #f6f8fa; border: 1px dashed #8c959f; }
    .stamp { color: #8a6d1d; }
    .cell-error {
      color: #a40e26; background: #fff0f0; border-left: 4px solid #cf222e;
      padding: 0.4rem 0.8rem; font-weight: bold;
    }
    figure.timeline {
      margin: 0.4rem 0 1rem; overflow-x: auto; border: 1px solid #d8dee4; border-radius: 6px;
    }
    figure.timeline svg { display: block; width: 100%; min-width: 44rem; height: auto; }
    @media (max-width: 40rem) {
      body { font-size: 16px; }
      main { padding: 0.6rem 0.75rem 2rem; }
      h1 { font-size: 1.45rem; }
      h2 { font-size: 1.25rem; }
      pre { font-size: 0.78rem; padding: 0.6rem; }
    }
    @media print {
      @page { margin: 16mm 14mm; }
      body { font-size: 10.5pt; color: #000; }
      main { max-width: none; padding: 0; }
      .contents { display: none; }
      h2 { break-before: page; border-top: none; padding-top: 0; }
      h1, h2, .prompt { break-after: avoid; }
      pre { overflow: visible; white-space: pre-wrap; overflow-wrap: anywhere; }
      pre.code, pre.output, pre.fixed { background: none; }
      figure.timeline { overflow: visible; break-inside: avoid; border: none; }
      figure.timeline svg { min-width: 0; max-width: 100%; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
