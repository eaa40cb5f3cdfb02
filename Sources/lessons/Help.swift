import Lessons

/// The texts of `lessons` and `lessons --help`.
enum Help {
  static var listing: String {
    var text = "Sections of chapter 17, Concurrency with Futures:\n\n"
    for section in Catalog.sections {
      text += "  \(section.id)  \(section.title)\n"
    }
    text += """

      Run one with 'lessons 17.4'; replay it in virtual time with
      'lessons 17.4 --virtual'. More in 'lessons --help'.

      """
    return text
  }

  static let text = """
    lessons: Fluent Python's chapter 17, Concurrency with Futures, as a runnable
    notebook.

    Usage:
      lessons                     list the sections
      lessons SECTION [options]   run a section (such as 17.4), cell by cell
      lessons all [options]       run every section in order
      lessons serve [options]     the loopback flag server ('serve --help')
      lessons flags2 STYLE [...]  the book's flag downloader ('flags2 --help')

    Each section shows its prose, then its cells as In [1], In [2], ...: the code
    of the cell, then what it prints, stamped [HH:MM:SS] as it happens.

    Options:
      --virtual     run on a virtual clock with a deterministic scheduler: no
                    waiting, and the same output, byte for byte, every time (what
                    transcripts/ holds). One simulated thread runs at a time; time
                    jumps to the next deadline when none can run; ties go
                    first-come, first-served.
      --seed N      with a virtual run, pick among the threads that could run at
                    the same instant pseudo-randomly: another valid interleaving,
                    the same again for the same N (0 to 18446744073709551615;
                    implies --virtual)
      --speed X     run live X times faster (2, 10, 0.5, ...; from 0.01 to 1000):
                    sleeps and time-outs shrink, stamps show the time the lesson
                    would have taken
      -h, --help    show this help

    Exit status: 0 when the section ran, 1 when a cell failed, the run deadlocked
    or output could not be written, 2 for a usage error. When the reader of the
    output goes away (as with '| head'), lessons stops at once, quietly.

    """
}
