using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Lanyard.Credentials.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Lanyard.Credentials.Benchmarks.ApiKeyVerificationBenchmarks).Assembly).Run(args);
