package main

import (
	"log"
	"os"
	"time"
)

// The worker drains the order queue; here it only says it is alive.
func main() {
	queue := os.Getenv("QUEUE_URL")
	for {
		log.Printf("polling %s", queue)
		time.Sleep(10 * time.Second)
	}
}
