# One image recipe for all four services; docker-compose.yml passes the service's jar.
# Build the jars first: ./mvnw -B package -DskipTests
#   docker build -f docker/service.Dockerfile \
#     --build-arg JAR_FILE=order-service/target/order-service-0.1.0-SNAPSHOT.jar -t order-service .

FROM eclipse-temurin:25-jre AS builder
ARG JAR_FILE
WORKDIR /builder
COPY ${JAR_FILE} application.jar
# Spring Boot's layers (dependencies change rarely, the application often), each its own image
# layer, so a rebuild after a code change ships only the small application layer. The application
# runs as a plain jar with its libraries beside it, the layout an AOT cache needs.
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
RUN useradd --system --user-group --no-create-home --shell /usr/sbin/nologin spring
WORKDIR /application
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/spring-boot-loader/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY --from=builder /builder/extracted/application/ ./
# Two malloc arenas instead of eight per core: native memory stays flat as threads come and go.
ENV MALLOC_ARENA_MAX=2
# Memory: a small heap (64 MiB, growing to at most 160 MiB) and bounded native areas keep a service
# under 400 MiB resident (the heap holds little: state lives in PostgreSQL); the serial collector
# suits a small heap on few cores and costs no helper threads.
# CPU: both JIT compilers. Measured on 2 cores (docs/benchmarks.md): once warm, the suite with C2
# sustains 300 sagas/s where C1 alone sustained 250/s, at about the same CPU per saga (the cost is
# mostly outside the services' own code). C2 needs a warm-up: a fresh suite hit by 100 orders/s at
# once fell behind for minutes while its compilers ran, where two minutes at 50/s first were
# enough; and it adds 60-110 MiB resident memory per service. Where start-up under load matters
# more than peak throughput, -XX:TieredStopAtLevel=1 keeps to C1.
# Override per container with JDK_JAVA_OPTIONS.
ENV JDK_JAVA_OPTIONS="-Xms64m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError"
# Start-up: a training run records the classes the application loads and links while its context
# starts, and how they are used, into a JDK AOT cache (JEP 483/514/515) that every start maps
# instead of redoing that work. It stops once the context is refreshed, before anything would
# connect; settings that read the database at refresh are switched off for it alone.
RUN java -XX:AOTCacheOutput=application.aot -Dspring.context.exit=onRefresh -jar application.jar \
      --spring.flyway.enabled=false \
      --spring.jpa.hibernate.ddl-auto=none \
      --spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      --spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      --spring.kafka.admin.auto-create=false \
      --logging.level.root=warn
USER spring
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-jar", "application.jar"]
