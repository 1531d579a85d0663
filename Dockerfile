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
USER obmigrate
ENV JAVA_TOOL_OPTIONS="-Xmx512m"
ENTRYPOINT ["java", "-jar", "/opt/obmigrate/obmigrate.jar"]
CMD ["--help"]
