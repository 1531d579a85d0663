# Build stage: the Maven build of target/obmigrate.jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY sql sql
RUN mvn -B -q package -DskipTests

# Run stage: a JRE running the jar as a non-root user. Configure with OBMIGRATE_* environment variables or
# --config /config/obmigrate.yml; the default job repository lives in /work/.obmigrate (mount a volume there,
# or point OBMIGRATE_JOBREPO_URL at a database, so a restart in a new container finds the failed execution).
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /work obmigrate
WORKDIR /work
COPY --from=build /src/target/obmigrate.jar /opt/obmigrate/obmigrate.jar
COPY sql /opt/obmigrate/sql
# the upgrade plan, its variables example and scripts: plan --plan /opt/obmigrate/jobs/uk-2.0.0-to-3.0.0.yaml
COPY jobs /opt/obmigrate/jobs
# the extracted jar and its class-data-sharing archive, recorded with this image's JRE from a training start on the
# embedded demo (about twenty seconds, no database of yours): every command starts about a second sooner
# (deploy/cds.sh)
COPY deploy/cds.sh deploy/launch.sh /opt/obmigrate/
RUN /opt/obmigrate/cds.sh /opt/obmigrate/obmigrate.jar /opt/obmigrate/app
USER obmigrate
# Java 17 (the JDK the project targets and the archive is recorded with); launch.sh runs commands that answer and exit
# with the quick JIT alone and the serial collector (status answers in 0.7-1.5 s on 2 cores) and gives the optimising
# compiler to the hot code of commands that move data (run, restart, rehearse, generate), or the quick JIT alone to
# them too when obmigrate last counted fewer than 250,000 consents (launch.jit in OBMIGRATE_HOME, else ./.obmigrate);
# JAVA_OPTS comes after and wins
ENV JAVA_OPTS="-Xmx512m"
ENTRYPOINT ["/opt/obmigrate/launch.sh", "/opt/obmigrate/app"]
CMD ["--help"]
