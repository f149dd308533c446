var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Drape");
app.Run();

public partial class Program;
