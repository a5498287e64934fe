using BenchmarkDotNet.Running;
using Empreinte.Benchmarks;

// `pipeline …`: the whole-pipeline measurement (a plain console mode, see PipelineMode); `reader …`: the
// CSV reader against bare Sep (ReaderMode);
// anything else goes to BenchmarkDotNet (e.g. `--filter *Reader*`).
if (args.Length > 0 && args[0] == "pipeline") return await PipelineMode.RunAsync(args.AsMemory(1));
if (args.Length > 0 && args[0] == "reader") return ReaderMode.Run(args.AsSpan(1));
BenchmarkSwitcher.FromAssembly(typeof(PipelineMode).Assembly).Run(args);
return 0;
