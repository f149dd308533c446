Console.WriteLine("Drape benchmarks: see bench/README.md");
