# TrialOps web host. Build from the repository root:  docker build -t trialops .
# The container uses the PostgreSQL server named by TRIALOPS_CONNECTION (see compose.yaml); the
# embedded default is for developer machines and is not available in this image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY migrations/ migrations/
COPY seed/ seed/
COPY src/ src/
# Build output copied from a developer's checkout must not leak into the image build.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/TrialOps.Web/TrialOps.Web.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The image's unprivileged user; the only state is the seed-sealing key in TRIALOPS_HOME (a volume in compose.yaml).
RUN mkdir -p /var/lib/trialops && chown "$APP_UID" /var/lib/trialops
USER $APP_UID
ENTRYPOINT ["dotnet", "TrialOps.Web.dll"]
