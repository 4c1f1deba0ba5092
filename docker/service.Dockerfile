# One image recipe for all four services; docker-compose.yml passes the service's jar.
# Build the jars first: ./mvnw -B package -DskipTests
#   docker build -f docker/service.Dockerfile \
#     --build-arg JAR_FILE=order-service/target/order-service-0.1.0-SNAPSHOT.jar -t order-service .

FROM eclipse-temurin:25-jre AS builder
ARG JAR_FILE
WORKDIR /builder
COPY ${JAR_FILE} application.jar
# Spring Boot's layers (dependencies change rarely, the application often), each its own image
# layer, so a rebuild after a code change ships only the small application layer.
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
RUN useradd --system --user-group --no-create-home --shell /usr/sbin/nologin spring
WORKDIR /application
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/spring-boot-loader/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY --from=builder /builder/extracted/application/ ./
USER spring
# The heap follows the container's memory limit instead of the host's memory.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
