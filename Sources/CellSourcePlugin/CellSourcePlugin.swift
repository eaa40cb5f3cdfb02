import Foundation
import PackagePlugin

/// Extracts the code of every notebook cell from the Lessons sources into a generated
/// `CellSources.swift`, so the code a cell shows is the text of the code that compiles and runs.
@main
struct CellSourcePlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let module = target as? SourceModuleTarget else { return [] }
    let inputs = module.sourceFiles(withSuffix: "swift").map(\.url)
    let output = context.pluginWorkDirectoryURL.appending(path: "CellSources.swift")
    return [
      .buildCommand(
        displayName: "Extracting cell sources of \(target.name)",
        executable: try context.tool(named: "CellSourceTool").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
