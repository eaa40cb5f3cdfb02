import Foundation
import TestSupport
import Testing

@testable import Flags

@testable import Lessons

@Suite("FlagFolder")
struct FlagFolderTests {
  @Test("prepare() creates missing folders, parents included, and leaves nothing behind")
  func prepareCreates() throws {
    try withTemporaryFolder { root in
      let folder = FlagFolder(root + "/a/b/downloads/")
      try folder.prepare()
      try folder.prepare()
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test("save() writes the bytes under the name, with no temporary file left")
  func saves() throws {
    try withTemporaryFolder { root in
      let folder = FlagFolder(root)
      try folder.prepare()
      let gif = FlagImage.gif(for: "CN")
      try folder.save(gif, as: "cn.gif")
      try folder.save(Data("second".utf8), as: "cn.gif")
      #expect(FileManager.default.contents(atPath: root + "/cn.gif") == Data("second".utf8))
      #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["cn.gif"])
    }
  }

  @Test("a destination that is a file, or lies under one, is one clear error")
  func notADirectory() throws {
    try withTemporaryFolder { root in
      try FlagFolder(root).prepare()
      let file = root + "/plain"
      _ = FileManager.default.createFile(atPath: file, contents: Data())
      #expect(throws: FlagFolderError(path: file, reason: "Not a directory")) {
        try FlagFolder(file).prepare()
      }
      let error = #expect(throws: FlagFolderError.self) {
        try FlagFolder(file + "/sub").prepare()
      }
      #expect(error?.description == "cannot save flags in '\(file)/sub': Not a directory")
    }
  }

  @Test("file names with a slash or dot segments are refused")
  func badNames() throws {
    try withTemporaryFolder { root in
      let folder = FlagFolder(root)
      try folder.prepare()
      for name in ["", ".", "..", "../x.gif", "a/b.gif"] {
        #expect(throws: FlagFolderError.self, "\(name)") { try folder.save(Data(), as: name) }
      }
    }
  }

  @Test("nowhere saves without writing a file, and still refuses bad names")
  func nowhere() throws {
    let folder = FlagFolder.nowhere
    #expect(folder.discards)
    #expect(!FlagFolder("downloads").discards)
    try folder.prepare()
    try folder.save(FlagImage.gif(for: "CN"), as: "cn.gif")
    #expect(!FileManager.default.fileExists(atPath: folder.file("cn.gif")))
    #expect(throws: FlagFolderError.self) { try folder.save(Data(), as: "../x.gif") }
  }
}
